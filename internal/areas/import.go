package areas

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
)

// DefaultBorderKm is the distance between the centroids of two
// neighbourhoods below which an import without a borders file takes them to
// share a border.
const DefaultBorderKm = 1.5

// ImportSource is what one import reads. Areas is the CBS "wijk- en
// buurtkaart" table with columns BU_CODE, BU_NAAM, WK_CODE, WK_NAAM,
// GM_CODE, GM_NAAM, LAT and LON (the neighbourhood's centroid in WGS84
// decimal degrees); other columns are ignored. Postcodes (PC6;BU_CODE) and
// Borders (BU_CODE_A;BU_CODE_B) are optional (nil). Names are the file
// names used in problem reports.
type ImportSource struct {
	Areas, Postcodes, Borders             io.Reader
	AreasName, PostcodesName, BordersName string
	// BorderKm applies when Borders is nil: neighbourhoods whose centroids
	// lie at most this far apart are taken to share a border.
	BorderKm float64
}

// ImportSummary counts what an import wrote.
type ImportSummary struct {
	Municipalities, Districts, Neighbourhoods, Borders, Postcodes int
	// BordersComputed says the borders came from centroid distances.
	BordersComputed bool
}

// Import validates every file completely and then saves the areas, borders
// and postcodes in one transaction. Any problem is an *ImportError listing
// up to 20 of them with file name and line, and nothing is written.
func Import(ctx context.Context, db *sqlx.DB, src ImportSource) (ImportSummary, error) {
	m, sum, err := ParseImport(src)
	if err != nil {
		return ImportSummary{}, err
	}
	err = database.WithTx(ctx, db, func(tx *sqlx.Tx) error { return Save(ctx, tx, m) })
	if err != nil {
		return ImportSummary{}, fmt.Errorf("import areas: %w", err)
	}
	return sum, nil
}

// ParseImport reads and validates the files of src into a Map (parents
// first), without touching a database.
func ParseImport(src ImportSource) (Map, ImportSummary, error) {
	var p problems
	if src.Areas == nil {
		p.add(src.AreasName, 0, "the areas file is required")
		return Map{}, ImportSummary{}, p.result()
	}
	set := readAreas(src.AreasName, src.Areas, &p)
	var m Map
	if src.Postcodes != nil {
		m.Postcodes = readPostcodes(src.PostcodesName, src.Postcodes, set, &p)
	}
	if src.Borders != nil {
		m.Borders = readBorders(src.BordersName, src.Borders, set, &p)
	}
	if err := p.result(); err != nil {
		return Map{}, ImportSummary{}, err
	}
	if src.Borders == nil {
		m.Borders = nearBorders(set.neighbourhoods, src.BorderKm)
	}
	m.Areas = set.areas()
	return m, ImportSummary{Municipalities: len(set.municipalities), Districts: len(set.districts),
		Neighbourhoods: len(set.neighbourhoods), Borders: len(m.Borders), Postcodes: len(m.Postcodes),
		BordersComputed: src.Borders == nil}, nil
}

var (
	gmCode = regexp.MustCompile(`^GM[0-9]{4}$`)
	wkCode = regexp.MustCompile(`^WK[0-9]{6}$`)
	buCode = regexp.MustCompile(`^BU[0-9]{8}$`)
)

// seen is an area read from the file, with the line that introduced it.
type seen struct {
	Area
	line int
}

// areaSet holds the areas of one file, each level in file order.
type areaSet struct {
	municipalities, districts, neighbourhoods []*seen
	byCode                                    map[string]*seen
}

func readAreas(name string, in io.Reader, p *problems) *areaSet {
	set := &areaSet{byCode: map[string]*seen{}}
	t := openTable(name, in, []string{"BU_CODE", "BU_NAAM", "WK_CODE", "WK_NAAM", "GM_CODE", "GM_NAAM", "LAT", "LON"}, p)
	if t == nil {
		return set
	}
	t.each(p, func(r row) { set.addRow(name, r, p) })
	for _, level := range [][]*seen{set.municipalities, set.districts} {
		for _, a := range level {
			a.Latitude, a.Longitude = meanCentroid(set.neighbourhoods, a.Code)
		}
	}
	return set
}

func (set *areaSet) addRow(name string, r row, p *problems) {
	bu, wk, gm := r.get("BU_CODE"), r.get("WK_CODE"), r.get("GM_CODE")
	before := p.err.Total
	checkCode(name, r.line, "BU_CODE", bu, buCode, "neighbourhood", p)
	checkCode(name, r.line, "WK_CODE", wk, wkCode, "district", p)
	checkCode(name, r.line, "GM_CODE", gm, gmCode, "municipality", p)
	if p.err.Total == before {
		if bu[2:8] != wk[2:8] {
			p.add(name, r.line, "BU_CODE %s does not lie in WK_CODE %s (the first six digits differ)", bu, wk)
		}
		if wk[2:6] != gm[2:6] {
			p.add(name, r.line, "WK_CODE %s does not lie in GM_CODE %s (the first four digits differ)", wk, gm)
		}
	}
	lat := parseDegrees(name, r, "LAT", 90, p)
	lon := parseDegrees(name, r, "LON", 180, p)
	names := map[string]string{}
	for _, col := range []string{"BU_NAAM", "WK_NAAM", "GM_NAAM"} {
		names[col] = r.get(col)
		if n := utf8.RuneCountInString(names[col]); n == 0 || n > 200 {
			p.add(name, r.line, "%s must be 1 to 200 characters", col)
		}
	}
	if p.err.Total != before {
		return
	}
	if prev, dup := set.byCode[bu]; dup {
		p.add(name, r.line, "BU_CODE %s is also on line %d", bu, prev.line)
		return
	}
	set.level(name, r.line, Area{Code: gm, Kind: Municipality, Name: names["GM_NAAM"]}, p)
	set.level(name, r.line, Area{Code: wk, Kind: District, Name: names["WK_NAAM"], ParentCode: &gm}, p)
	set.level(name, r.line, Area{Code: bu, Kind: Neighbourhood, Name: names["BU_NAAM"], ParentCode: &wk,
		Latitude: &lat, Longitude: &lon}, p)
}

// level adds a to the set, or checks that it agrees with the line that
// introduced it.
func (set *areaSet) level(name string, line int, a Area, p *problems) {
	prev, ok := set.byCode[a.Code]
	if !ok {
		s := &seen{Area: a, line: line}
		set.byCode[a.Code] = s
		switch a.Kind {
		case Municipality:
			set.municipalities = append(set.municipalities, s)
		case District:
			set.districts = append(set.districts, s)
		default:
			set.neighbourhoods = append(set.neighbourhoods, s)
		}
		return
	}
	if prev.Name != a.Name {
		p.add(name, line, "%s is named %q here but %q on line %d", a.Code, a.Name, prev.Name, prev.line)
	}
	if a.ParentCode != nil && *prev.ParentCode != *a.ParentCode {
		p.add(name, line, "%s lies in %s here but in %s on line %d", a.Code, *a.ParentCode, *prev.ParentCode, prev.line)
	}
}

func (set *areaSet) areas() []Area {
	out := make([]Area, 0, len(set.byCode))
	for _, level := range [][]*seen{set.municipalities, set.districts, set.neighbourhoods} {
		for _, s := range level {
			out = append(out, s.Area)
		}
	}
	return out
}

func checkCode(name string, line int, col, code string, pattern *regexp.Regexp, kind string, p *problems) {
	if !pattern.MatchString(code) {
		p.add(name, line, "%s %q is not a CBS %s code", col, code, kind)
	}
}

// parseDegrees reads a coordinate in decimal degrees; a decimal comma is
// accepted too (Dutch spreadsheets).
func parseDegrees(name string, r row, col string, limit float64, p *problems) float64 {
	raw := r.get(col)
	v, err := strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
	if err != nil || v < -limit || v > limit {
		p.add(name, r.line, "%s %q is not in decimal degrees (WGS84)", col, raw)
	}
	return v
}

func readPostcodes(name string, in io.Reader, set *areaSet, p *problems) []Postcode {
	t := openTable(name, in, []string{"PC6", "BU_CODE"}, p)
	if t == nil {
		return nil
	}
	var out []Postcode
	lines := map[string]int{}
	t.each(p, func(r row) {
		pc, ok := NormalisePostcode(r.get("PC6"))
		bu := r.get("BU_CODE")
		switch a := set.byCode[bu]; {
		case !ok:
			p.add(name, r.line, "PC6 %q is not a postcode such as 1234AB", r.get("PC6"))
		case a == nil || a.Kind != Neighbourhood:
			p.add(name, r.line, "BU_CODE %q is not a neighbourhood of the areas file", bu)
		case lines[pc] != 0:
			p.add(name, r.line, "postcode %s is also on line %d", pc, lines[pc])
		default:
			lines[pc] = r.line
			out = append(out, Postcode{Postcode: pc, NeighbourhoodCode: bu})
		}
	})
	return out
}

func readBorders(name string, in io.Reader, set *areaSet, p *problems) []Border {
	t := openTable(name, in, []string{"BU_CODE_A", "BU_CODE_B"}, p)
	if t == nil {
		return nil
	}
	var out []Border
	t.each(p, func(r row) {
		a, b := r.get("BU_CODE_A"), r.get("BU_CODE_B")
		ok := true
		for _, code := range []string{a, b} {
			if s := set.byCode[code]; s == nil || s.Kind != Neighbourhood {
				p.add(name, r.line, "%q is not a neighbourhood of the areas file", code)
				ok = false
			}
		}
		if ok && a == b {
			p.add(name, r.line, "%s cannot border itself", a)
			ok = false
		}
		if ok {
			out = append(out, Border{A: a, B: b})
		}
	})
	return out
}
