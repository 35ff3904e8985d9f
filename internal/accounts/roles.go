// Package accounts knows who someone is, where they live and what they may
// do: registration, passwords, sessions with rotating refresh tokens, access
// tokens, the second factor for professionals, roles, and the rights of the
// data subject (export, deletion).
package accounts

// Role is what someone may do in Noaber; a person can hold several.
type Role string

// The roles of PRODUCT.md.
const (
	Resident  Role = "resident"
	Keyfigure Role = "keyfigure"
	Broker    Role = "broker"
	Contact   Role = "contact"
	Admin     Role = "admin"
)

// AllRoles lists every role, for validation.
var AllRoles = []Role{Resident, Keyfigure, Broker, Contact, Admin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, known := range AllRoles {
		if r == known {
			return true
		}
	}
	return false
}

// Professional reports whether the role handles other people's data and so
// needs a second factor.
func (r Role) Professional() bool { return r == Broker || r == Contact || r == Admin }

// Caller is the authenticated person behind a request, as the database says
// now (not as the token said when it was issued).
type Caller struct {
	UserID            string
	SessionID         string
	Roles             []Role
	NeighbourhoodCode string
	// SecondFactor says this session was established or confirmed with TOTP.
	SecondFactor bool
	// TOTPEnabled says the person has enrolled a second factor.
	TOTPEnabled bool
}

// Has reports whether the caller holds role r.
func (c Caller) Has(r Role) bool {
	for _, have := range c.Roles {
		if have == r {
			return true
		}
	}
	return false
}

// SecondFactorRequired reports whether the caller holds a professional role
// but has not (yet) proven a second factor in this session.
func (c Caller) SecondFactorRequired() bool {
	for _, r := range c.Roles {
		if r.Professional() {
			return !c.SecondFactor
		}
	}
	return false
}
