// Package domain holds the errors that every domain package returns, so that
// one place in the API maps them to HTTP problems and no domain package needs
// to know about HTTP.
package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

var (
	// ErrNotFound means the object does not exist or the caller may not see it;
	// the two are deliberately indistinguishable.
	ErrNotFound = errors.New("not found")
	// ErrConflict means the object is not in a state that allows the change.
	ErrConflict = errors.New("conflict")
)

// FieldError names one bad input field and says what is wrong with it.
type FieldError struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// InvalidError lists every bad field of one input at once.
type InvalidError struct {
	Fields []FieldError
}

func (e *InvalidError) Error() string {
	names := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		names = append(names, f.Name)
	}
	return fmt.Sprintf("invalid input: %s", strings.Join(names, ", "))
}

// Checker collects field errors while an input is validated.
type Checker struct{ fields []FieldError }

// Fail records that field name is wrong for the given reason.
func (c *Checker) Fail(name, reason string) { c.fields = append(c.fields, FieldError{name, reason}) }

// Check records reason for field name when ok is false.
func (c *Checker) Check(ok bool, name, reason string) {
	if !ok {
		c.Fail(name, reason)
	}
}

// Err returns an *InvalidError listing every recorded field in a stable
// order, or nil when the input is valid.
func (c *Checker) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	fields := append([]FieldError(nil), c.fields...)
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
	return &InvalidError{Fields: fields}
}
