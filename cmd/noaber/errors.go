package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/noaber/noaber/internal/domain"
)

// describeInvalid spells out every invalid field for a person at a terminal.
func describeInvalid(err error) error {
	var invalid *domain.InvalidError
	if !errors.As(err, &invalid) {
		return err
	}
	lines := make([]string, 0, len(invalid.Fields))
	for _, f := range invalid.Fields {
		lines = append(lines, f.Name+" "+f.Reason)
	}
	return fmt.Errorf("not accepted: %s", strings.Join(lines, "; "))
}
