package domain

import (
	"fmt"
	"strings"
)

// TransitionError is a conflict: the object's workflow does not allow the
// requested step from its current state. Allowed lists the steps it does
// allow now (possibly none), so that a client can offer them.
type TransitionError struct {
	From, To string
	Allowed  []string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("transition %s → %s not allowed (allowed: %s)", e.From, e.To, strings.Join(e.Allowed, ", "))
}

// Unwrap makes a TransitionError an ErrConflict.
func (e *TransitionError) Unwrap() error { return ErrConflict }
