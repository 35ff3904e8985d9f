package areas

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxProblems is how many problems an import reports before it summarises.
const maxProblems = 20

// ImportError lists what is wrong with the files of an import, each as
// "file:line: problem"; nothing was written.
type ImportError struct {
	Problems []string
	// Total counts every problem found, also those left out of Problems.
	Total int
}

// Error lists the problems, one per line.
func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) found, nothing was imported:", e.Total)
	for _, p := range e.Problems {
		b.WriteString("\n  " + p)
	}
	if more := e.Total - len(e.Problems); more > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", more)
	}
	return b.String()
}

// problems collects import problems, keeping the first maxProblems.
type problems struct{ err ImportError }

func (p *problems) add(file string, line int, format string, args ...any) {
	p.err.Total++
	if len(p.err.Problems) < maxProblems {
		p.err.Problems = append(p.err.Problems, fmt.Sprintf("%s:%d: ", file, line)+fmt.Sprintf(format, args...))
	}
}

func (p *problems) result() error {
	if p.err.Total == 0 {
		return nil
	}
	e := p.err
	return &e
}

// table reads a CSV file with a header row: UTF-8 with an optional byte
// order mark, separated by ";" or "," (whichever the header uses more).
type table struct {
	name string
	r    *csv.Reader
	cols map[string]int
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// openTable reads the header of file name and checks that it has the
// required columns (names compared case-insensitively). It returns nil
// after recording a problem when the file cannot be used.
func openTable(name string, in io.Reader, required []string, p *problems) *table {
	br := bufio.NewReader(in)
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(3)
	}
	header, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		p.add(name, 1, "cannot read: %v", err)
		return nil
	}
	if strings.TrimSpace(header) == "" {
		p.add(name, 1, "the file is empty; expected a header with %s", strings.Join(required, ";"))
		return nil
	}
	r := csv.NewReader(io.MultiReader(strings.NewReader(header), br))
	r.Comma = ','
	if strings.Count(header, ";") > strings.Count(header, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	names, err := r.Read()
	if err != nil {
		p.add(name, 1, "cannot read the header: %v", err)
		return nil
	}
	t := &table{name: name, r: r, cols: map[string]int{}}
	for i, n := range names {
		t.cols[strings.ToUpper(strings.TrimSpace(n))] = i
	}
	var missing []string
	for _, col := range required {
		if _, ok := t.cols[col]; !ok {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		p.add(name, 1, "the header lacks column(s) %s (separator %q)", strings.Join(missing, ", "), string(r.Comma))
		return nil
	}
	return t
}

// row is one data line of a table.
type row struct {
	line   int
	fields []string
	cols   map[string]int
}

// get returns the trimmed value of column col ("" when the line is short).
func (r row) get(col string) string {
	i := r.cols[col]
	if i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// each calls fn for every data line; a line that cannot be read is recorded
// and ends the file.
func (t *table) each(p *problems, fn func(row)) {
	for {
		fields, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		line, _ := t.r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			p.add(t.name, line, "cannot read the line: %v", err)
			return
		}
		fn(row{line: line, fields: fields, cols: t.cols})
	}
}
