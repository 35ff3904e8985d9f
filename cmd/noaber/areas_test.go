package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAreasImportChecksBeforeTouchingTheDatabase: a bad file is reported
// with its name and line, before any database is opened.
func TestAreasImportChecksBeforeTouchingTheDatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "buurten.csv")
	err := os.WriteFile(bad, []byte("BU_CODE;BU_NAAM;WK_CODE;WK_NAAM;GM_CODE;GM_NAAM;LAT;LON\n"+
		"BU01230101;Kern;WK012301;Dorp;GM0123;Testdorp;52,1;5,1\n"+
		"BU12;Oost;WK012301;Dorp;GM0123;Testdorp;52,1;5,1\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"areas", "--help"}, 0, "noaber areas import --areas FILE"},
		{[]string{"areas"}, 2, "say what to do: import"},
		{[]string{"areas", "import"}, 2, "give the areas file with --areas FILE"},
		{[]string{"areas", "import", "--areas", filepath.Join(dir, "missing.csv")}, 1, "missing.csv"},
		{[]string{"areas", "import", "--areas", bad}, 1, `buurten.csv:3: BU_CODE "BU12" is not a CBS neighbourhood code`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(tt.args, &out, &errOut); code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, tt.wantCode, errOut.String())
			}
			if all := out.String() + errOut.String(); !strings.Contains(all, tt.wantOut) {
				t.Errorf("output lacks %q:\n%s", tt.wantOut, all)
			}
		})
	}
}
