package moderation

import (
	"reflect"
	"testing"
)

func TestDetect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []Flag
	}{
		// Ordinary posts: nothing.
		{"plain request", "Wie helpt mij zaterdag met de tuin? Ik woon bij het park.", nil},
		{"06 as a word", "Ik help u met uw 06 nummer instellen op de nieuwe telefoon.", nil},
		{"postcode and house number", "Ik woon op 1234 AB, huisnummer 12a, vlak bij de kerk.", nil},
		{"postcode without space", "Postcode 9999AA, bel aan bij nummer 103.", nil},
		{"date and time", "Kan iemand op 03-06-2025 10:00 mee naar de dokter?", nil},
		{"year range", "Oppas gezocht voor 2025-2026, twee middagen.", nil},
		{"a few euros, no amount", "Het kost mij maar een paar euro aan benzine.", nil},
		{"op prijs stellen", "Ik stel het erg op prijs als iemand komt helpen.", nil},
		{"buying groceries", "Ik koop graag je boodschappen mee als ik naar de winkel ga.", nil},
		{"help with ordering online", "Hulp bij online bestellen en betalen met de computer.", nil},
		{"invalid IBAN checksum", "NL12 ABNA 0417 1643 00 staat op mijn pas.", nil},
		{"time of day", "Om 10.30 uur of 14:00 ben ik thuis.", nil},
		{"at sign without domain", "Ik ben @ home na vijf uur.", nil},

		// Phone numbers.
		{"mobile with dash", "Bel mij: 06-12345678", []Flag{FlagPhone}},
		{"mobile plain", "Mijn nummer is 0612345678.", []Flag{FlagPhone}},
		{"mobile in groups", "app naar 06 12 34 56 78 graag", []Flag{FlagPhone}},
		{"landline", "Bel 010-1234567 na zessen", []Flag{FlagPhone}},
		{"landline with brackets", "Tel. (010) 123 45 67", []Flag{FlagPhone}},
		{"international", "WhatsApp +31 6 1234 5678", []Flag{FlagPhone}},
		{"international with (0)", "Bel +31 (0)6 12345678", []Flag{FlagPhone}},
		{"international 0031", "0031612345678 is mijn nummer", []Flag{FlagPhone}},
		{"after a house number", "Ik woon op nummer 12 06 12345678 bellen", []Flag{FlagPhone}},

		// E-mail, IBAN.
		{"e-mail", "Mail naar jan.de.vries@example.nl voor meer.", []Flag{FlagEmail}},
		{"IBAN compact", "Maak het over op NL91ABNA0417164300.", []Flag{FlagIBAN}},
		{"IBAN with spaces, lower case", "rekening nl91 abna 0417 1643 00 graag", []Flag{FlagIBAN}},

		// Money.
		{"euro sign", "Voor € 10 maai ik uw gras.", []Flag{FlagMoney}},
		{"euro sign glued", "Slechts €7,50 per keer", []Flag{FlagMoney}},
		{"word euro", "Ik vraag 10 euro per uur.", []Flag{FlagMoney}},
		{"EUR and ,-", "Kosten: EUR 10,-", []Flag{FlagMoney}},
		{"comma dash", "Voor 25,- ben je klaar.", []Flag{FlagMoney}},

		// Commercial words.
		{"te koop", "Fiets te koop, zo goed als nieuw.", []Flag{FlagCommercial}},
		{"korting", "Nu met korting voor buren!", []Flag{FlagCommercial}},
		{"aanbieding", "Aanbieding: ramen lappen", []Flag{FlagCommercial}},
		{"bestel", "Bestel nu je taart bij mij.", []Flag{FlagCommercial}},
		{"webshop", "Kijk op mijn webshop.", []Flag{FlagCommercial}},
		{"prijs", "Prijs in overleg.", []Flag{FlagCommercial}},
		{"appreciation and a price", "Ik stel het op prijs. De prijs is laag.", []Flag{FlagCommercial}},

		// Several at once, sorted.
		{"everything", "Te koop voor € 5! Bel 06-12345678 of mail a@b.nl, betaal op NL91ABNA0417164300",
			[]Flag{FlagCommercial, FlagEmail, FlagIBAN, FlagMoney, FlagPhone}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Detect(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Detect(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestValidIBAN(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"NL91ABNA0417164300":     true,
		"NL91 ABNA 0417 1643 00": true,
		"NL20INGB0001234567":     true,
		"NL92ABNA0417164300":     false, // one digit of the check off
		"NL91ABNA041716430":      false, // too short
		"DE89370400440532013000": false, // valid, but not Dutch
	} {
		if got := validIBAN(s); got != want {
			t.Errorf("validIBAN(%q) = %v, want %v", s, got, want)
		}
	}
}
