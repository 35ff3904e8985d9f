package domain

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// Cursor marks a position in a list ordered by time and id (keyset
// pagination). Clients see it only as an opaque string.
type Cursor struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

// String encodes the cursor for a nextCursor field.
func (c Cursor) String() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// IsZero reports whether c is the start of the list.
func (c Cursor) IsZero() bool { return c.ID == "" }

// ParseCursor reads a cursor from a request; empty means the start. ok is
// false for a string that String did not make.
func ParseCursor(s string) (c Cursor, ok bool) {
	if s == "" {
		return c, true
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" || c.At.IsZero() {
		return Cursor{}, false
	}
	return c, true
}

// AtOrNil is the cursor's time for SQL, nil at the start of the list.
func (c Cursor) AtOrNil() *time.Time {
	if c.IsZero() {
		return nil
	}
	return &c.At
}

// IDOrNil is the cursor's id for SQL, nil at the start of the list.
func (c Cursor) IDOrNil() *string {
	if c.IsZero() {
		return nil
	}
	return &c.ID
}
