package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{nil, 0, "Commands:"},
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"serve", "--help"}, 0, "noaber serve"},
		{[]string{"migrate", "--help"}, 0, "noaber migrate up|down|status"},
		{[]string{"seed", "--help"}, 0, "noaber seed demo"},
		{[]string{"version", "--help"}, 0, "noaber version"},
		{[]string{"healthcheck", "--help"}, 0, "noaber healthcheck"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"migrate", "sideways"}, 2, `unknown migrate action "sideways"`},
		{[]string{"seed", "everything"}, 2, "say what to seed: demo"},
		{[]string{"version"}, 0, "noaber dev"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, tt.wantCode, errOut.String())
			}
			if all := out.String() + errOut.String(); !strings.Contains(all, tt.wantOut) {
				t.Errorf("output lacks %q:\n%s", tt.wantOut, all)
			}
		})
	}
}
