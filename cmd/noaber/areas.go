package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/database"
)

const areasSummary = `noaber areas import --areas FILE [--postcodes FILE] [--borders FILE] [--border-km KM]

Imports municipalities, districts and neighbourhoods from the CBS "wijk- en
buurtkaart" as CSV (columns BU_CODE, BU_NAAM, WK_CODE, WK_NAAM, GM_CODE,
GM_NAAM, LAT, LON), with an optional postcode table (PC6, BU_CODE) and an
optional table of bordering neighbourhoods (BU_CODE_A, BU_CODE_B). Without
--borders, neighbourhoods whose centroids lie at most --border-km apart are
taken to border each other. Every file is checked first; on any problem
nothing is written. See "Importing areas" in README.md.`

// areasFlags are the flags of "noaber areas import".
type areasFlags struct {
	areas, postcodes, borders string
	borderKm                  float64
}

func bindAreas(fs *flag.FlagSet) runFunc {
	var f areasFlags
	fs.StringVar(&f.areas, "areas", "", "CSV `file` of neighbourhoods (CBS wijk- en buurtkaart)")
	fs.StringVar(&f.postcodes, "postcodes", "", "optional CSV `file` of postcodes (PC6;BU_CODE)")
	fs.StringVar(&f.borders, "borders", "", "optional CSV `file` of bordering neighbourhoods (BU_CODE_A;BU_CODE_B)")
	fs.Float64Var(&f.borderKm, "border-km", areas.DefaultBorderKm,
		"without --borders: largest distance between the centroids of bordering neighbourhoods")
	return func(ctx context.Context, fs *flag.FlagSet, out io.Writer) error { return runAreas(ctx, fs, out, &f) }
}

// runAreas imports the areas: every file is read and checked before the
// database is even opened.
func runAreas(ctx context.Context, fs *flag.FlagSet, out io.Writer, f *areasFlags) error {
	if fs.NArg() == 0 || fs.Arg(0) != "import" {
		return usageError("say what to do: import")
	}
	// Flags after the action word are parsed now.
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return usageError(err.Error())
	}
	if f.areas == "" || fs.NArg() > 0 {
		return usageError("give the areas file with --areas FILE (and nothing else)")
	}
	src, closeFiles, err := openImport(*f)
	if err != nil {
		return err
	}
	m, sum, err := areas.ParseImport(src)
	closeFiles()
	if err != nil {
		return err
	}
	if err := saveImport(ctx, m); err != nil {
		return err
	}
	how := "from " + f.borders
	if sum.BordersComputed {
		how = fmt.Sprintf("computed: centroids within %g km", f.borderKm)
	}
	fmt.Fprintf(out, "Imported %d municipalities, %d districts, %d neighbourhoods, %d borders (%s), %d postcodes.\n",
		sum.Municipalities, sum.Districts, sum.Neighbourhoods, sum.Borders, how, sum.Postcodes)
	return nil
}

// openImport opens the files named by the flags.
func openImport(f areasFlags) (areas.ImportSource, func(), error) {
	var files []*os.File
	closeAll := func() {
		for _, file := range files {
			_ = file.Close() // read-only
		}
	}
	open := func(path string) (io.Reader, error) {
		if path == "" {
			return nil, nil
		}
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
		return file, nil
	}
	src := areas.ImportSource{AreasName: filepath.Base(f.areas), PostcodesName: filepath.Base(f.postcodes),
		BordersName: filepath.Base(f.borders), BorderKm: f.borderKm}
	var errs [3]error
	src.Areas, errs[0] = open(f.areas)
	src.Postcodes, errs[1] = open(f.postcodes)
	src.Borders, errs[2] = open(f.borders)
	if err := errors.Join(errs[:]...); err != nil {
		closeAll()
		return src, nil, err
	}
	return src, closeAll, nil
}

func saveImport(ctx context.Context, m areas.Map) error {
	return withMigrated(ctx, func(_ config.Config, conn dbConn) error {
		return database.WithTx(ctx, conn.db, func(tx *sqlx.Tx) error { return areas.Save(ctx, tx, m) })
	})
}
