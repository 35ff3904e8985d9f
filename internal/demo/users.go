package demo

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/accounts"
)

// TOTPSecret is the second factor of every demo professional, so that a
// visitor can add it to an authenticator app. Demo data only.
const TOTPSecret = "NOABERVEENDEMOTOTPSECRETABCDEFGH"

// Login is a demo account as printed for visitors.
type Login struct {
	Email, Password, Name, Postcode string
	Roles                           []accounts.Role
	Phone                           string
	// NoSecondFactor leaves a professional to enrol at first login.
	NoSecondFactor bool
}

// Logins are the demo accounts, one or more for every role.
var Logins = []Login{
	{Email: "bewoner@noaberveen.nl", Password: "demo-wachtwoord-bewoner", Name: "Henk Jansen", Postcode: "9999AB",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "buurvrouw@noaberveen.nl", Password: "demo-wachtwoord-buurvrouw", Name: "Mieke Smit", Postcode: "9999AC",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "sleutelfiguur@noaberveen.nl", Password: "demo-wachtwoord-sleutel", Name: "Kees Visser", Postcode: "9999EA",
		Roles: []accounts.Role{accounts.Resident, accounts.Keyfigure}},
	{Email: "makelaar@noaberveen.nl", Password: "demo-wachtwoord-makelaar", Name: "Sanne Mulder", Phone: "0591 123456",
		Roles: []accounts.Role{accounts.Broker}},
	{Email: "nieuwe.makelaar@noaberveen.nl", Password: "demo-wachtwoord-nieuw", Name: "Tom Bos",
		Roles: []accounts.Role{accounts.Broker}, NoSecondFactor: true},
	{Email: "contact@noaberveen.nl", Password: "demo-wachtwoord-contact", Name: "Anna de Vries", Phone: "0591 654321",
		Roles: []accounts.Role{accounts.Contact}},
	{Email: "contact2@noaberveen.nl", Password: "demo-wachtwoord-contact2", Name: "Pieter Bakker", Phone: "0591 654322",
		Roles: []accounts.Role{accounts.Contact}},
	{Email: "coordinator@noaberveen.nl", Password: "demo-wachtwoord-coordinator", Name: "Fatima El Amrani", Phone: "0591 654300",
		Roles: []accounts.Role{accounts.Contact}},
	{Email: "beheerder@noaberveen.nl", Password: "demo-wachtwoord-beheer", Name: "Beheer Noaberveen",
		Roles: []accounts.Role{accounts.Admin}},
	// Neighbours who ask, offer and help on the demo marketplace.
	{Email: "fatma@noaberveen.nl", Password: "demo-wachtwoord-fatma", Name: "Fatma Yilmaz", Postcode: "9999AD",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "joop@noaberveen.nl", Password: "demo-wachtwoord-joop", Name: "Joop de Boer", Postcode: "9999BA",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "ria@noaberveen.nl", Password: "demo-wachtwoord-ria", Name: "Ria Hendriks", Postcode: "9999BB",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "daan@noaberveen.nl", Password: "demo-wachtwoord-daan", Name: "Daan Kok", Postcode: "9999CA",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "lotte@noaberveen.nl", Password: "demo-wachtwoord-lotte", Name: "Lotte Meijer", Postcode: "9999EB",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "wim@noaberveen.nl", Password: "demo-wachtwoord-wim", Name: "Wim de Graaf", Postcode: "9999IA",
		Roles: []accounts.Role{accounts.Resident}},
	{Email: "sara@noaberveen.nl", Password: "demo-wachtwoord-sara", Name: "Sara Bouali", Postcode: "9999FA",
		Roles: []accounts.Role{accounts.Resident}},
}

// seedUsers creates the demo accounts that do not exist yet and returns the
// ids of all of them by e-mail address.
func seedUsers(ctx context.Context, db *sqlx.DB, accts *accounts.Accounts) (map[string]string, error) {
	ids := make(map[string]string, len(Logins))
	for _, l := range Logins {
		var id string
		err := db.GetContext(ctx, &id, `SELECT id FROM users WHERE lower(email) = lower($1)`, l.Email)
		if err == nil {
			ids[l.Email] = id
			continue
		}
		u := accounts.NewUser{Email: l.Email, Password: l.Password, DisplayName: l.Name, Postcode: l.Postcode,
			Phone: l.Phone, Roles: l.Roles}
		if l.Postcode != "" {
			u.HouseNumber = "1"
		}
		if !l.NoSecondFactor && professional(l.Roles) {
			u.TOTPSecret = TOTPSecret
		}
		if id, err = accts.CreateUser(ctx, u); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", l.Email, err)
		}
		ids[l.Email] = id
	}
	return ids, nil
}

func professional(roles []accounts.Role) bool {
	for _, r := range roles {
		if r.Professional() {
			return true
		}
	}
	return false
}
