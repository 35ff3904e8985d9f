package areas_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const header = "BU_CODE,BU_NAAM,WK_CODE,WK_NAAM,GM_CODE,GM_NAAM,LAT,LON\n"

func TestImportWritesNothingOnABadLine(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	buurten := header +
		"BU01230101,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
		"BU12,Oost,WK012301,Dorp,GM0123,Testdorp,52.1,5.11\n" + // line 3 of 5
		"BU01230103,West,WK012301,Dorp,GM0123,Testdorp,52.1,5.09\n" +
		"BU01230201,Polder,WK012302,Buiten,GM0123,Testdorp,52.15,5.1\n"
	_, err := areas.Import(context.Background(), db, areas.ImportSource{Areas: strings.NewReader(buurten),
		AreasName: "buurten.csv", BorderKm: 1.5})
	var ie *areas.ImportError
	if !errors.As(err, &ie) || ie.Total != 1 || ie.Problems[0] != `buurten.csv:3: BU_CODE "BU12" is not a CBS neighbourhood code` {
		t.Fatalf("err = %v, want one problem on buurten.csv:3", err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM areas`); err != nil || n != 0 {
		t.Errorf("%d areas written (%v), want none", n, err)
	}
}

func TestParseImport(t *testing.T) {
	good := header + "BU01230101,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
		"BU01230102,Oost,WK012301,Dorp,GM0123,Testdorp,52.1,5.11\n"
	tests := []struct {
		name                string
		areas, pcs, borders string
		wantProblems        []string
		wantAreas, wantPCs  int
		wantBorders         int
	}{
		{name: "comma separated, borders computed", areas: good, wantAreas: 4, wantBorders: 1},
		{name: "BOM, semicolons, decimal commas, quotes and extra columns",
			areas: "\ufeffGM_CODE;GM_NAAM;WK_CODE;WK_NAAM;BU_CODE;BU_NAAM;LAT;LON;AANT_INW\r\n" +
				"GM0123;Testdorp;WK012301;\"Dorp; oud\";BU01230101;Kern;52,1;5,1;1200\r\n",
			pcs: "PC6;BU_CODE\n1234 ab;BU01230101\n1234;BU01230101\n", wantAreas: 3, wantPCs: 2},
		{name: "borders file", areas: good, borders: "BU_CODE_A;BU_CODE_B\nBU01230101;BU01230102\n",
			wantAreas: 4, wantBorders: 1},
		{name: "missing column", areas: "BU_CODE,BU_NAAM,WK_CODE,GM_CODE,GM_NAAM,LAT,LON\n",
			wantProblems: []string{`buurten.csv:1: the header lacks column(s) WK_NAAM (separator ",")`}},
		{name: "empty file", areas: "", wantProblems: []string{"buurten.csv:1: the file is empty; expected a header with BU_CODE;BU_NAAM;WK_CODE;WK_NAAM;GM_CODE;GM_NAAM;LAT;LON"}},
		{name: "every problem with its line",
			areas: header +
				"BU01230101,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
				"BU01230101,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
				"BU01240101,Elders,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
				"BU01230102,Oost,WK012301,Dorpje,GM0123,Testdorp,155000,5.1\n" +
				"BU01230103,,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n",
			pcs:     "PC6;BU_CODE\n0123AB;BU01230101\n1234AB;BU09999999\n1234AB;BU01230101\n1234AB;BU01230101\n",
			borders: "BU_CODE_A,BU_CODE_B\nBU01230101,BU01230101\n",
			wantProblems: []string{
				"buurten.csv:3: BU_CODE BU01230101 is also on line 2",
				"buurten.csv:4: BU_CODE BU01240101 does not lie in WK_CODE WK012301 (the first six digits differ)",
				`buurten.csv:5: LAT "155000" is not in decimal degrees (WGS84)`,
				"buurten.csv:6: BU_NAAM must be 1 to 200 characters",
				`postcodes.csv:2: PC6 "0123AB" is not a postcode such as 1234AB`,
				`postcodes.csv:3: BU_CODE "BU09999999" is not a neighbourhood of the areas file`,
				"postcodes.csv:5: postcode 1234AB is also on line 4",
				"grenzen.csv:2: BU01230101 cannot border itself",
			}},
		{name: "district named differently", areas: header +
			"BU01230101,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n" +
			"BU01230102,Oost,WK012301,Dorpje,GM0123,Testdorp,52.1,5.1\n",
			wantProblems: []string{`buurten.csv:3: WK012301 is named "Dorpje" here but "Dorp" on line 2`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := areas.ImportSource{Areas: strings.NewReader(tt.areas), AreasName: "buurten.csv",
				PostcodesName: "postcodes.csv", BordersName: "grenzen.csv", BorderKm: 1.5}
			if tt.pcs != "" {
				src.Postcodes = strings.NewReader(tt.pcs)
			}
			if tt.borders != "" {
				src.Borders = strings.NewReader(tt.borders)
			}
			m, _, err := areas.ParseImport(src)
			if tt.wantProblems == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(m.Areas) != tt.wantAreas || len(m.Postcodes) != tt.wantPCs || len(m.Borders) != tt.wantBorders {
					t.Errorf("%d areas, %d postcodes, %d borders; want %d, %d, %d", len(m.Areas), len(m.Postcodes),
						len(m.Borders), tt.wantAreas, tt.wantPCs, tt.wantBorders)
				}
				return
			}
			var ie *areas.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an ImportError", err)
			}
			if len(tt.wantProblems) > 0 && strings.Join(ie.Problems, "\n") != strings.Join(tt.wantProblems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(ie.Problems, "\n"), strings.Join(tt.wantProblems, "\n"))
			}
		})
	}
}

func TestImportReportsTwentyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for i := 0; i < 25; i++ {
		b.WriteString("BU1,Kern,WK012301,Dorp,GM0123,Testdorp,52.1,5.1\n")
	}
	_, _, err := areas.ParseImport(areas.ImportSource{Areas: strings.NewReader(b.String()), AreasName: "b.csv"})
	var ie *areas.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 20 || ie.Total != 25 || !strings.Contains(err.Error(), "… and 5 more") {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasPrefix(ie.Problems[19], "b.csv:21: ") {
		t.Errorf("20th problem = %q, want line 21", ie.Problems[19])
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{"Anna de Vries": "AV", "Fatima": "F", "jan van der berg": "J", "": "",
		"Ömer Yılmaz": "ÖY", "Buur 12": "B"} {
		if got := areas.Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
}
