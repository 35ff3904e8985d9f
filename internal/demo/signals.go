package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/signals"
)

// seedSignals gives the demo key figure two signals about people in Esch,
// one waiting for Anna de Vries and one she already picked up, so that a
// visitor sees both sides at once. Only when the key figure has none yet.
func seedSignals(ctx context.Context, db *sqlx.DB, keyfigureID, contactID string) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM signals WHERE reporter_id = $1`, keyfigureID); err != nil || n > 0 {
		return err
	}
	s := signals.New(db, signals.DefaultConfig(), time.Now)
	knows, unaware := true, false
	if _, err := s.Report(ctx, keyfigureID, signals.Report{Postcode: "9999EB", Identification: "Meneer Bakker, Esweg",
		LifeDomains: []string{"ontmoeten", "huishouden"}, Urgency: signals.Normal, PersonKnows: &unaware,
		Description:   "Sinds zijn vrouw overleed komt hij niet meer naar de club. De tuin groeit dicht.",
		CallbackPhone: "06 12345678"}); err != nil {
		return fmt.Errorf("demo signal: %w", err)
	}
	r, err := s.Report(ctx, keyfigureID, signals.Report{Postcode: "9999EC", Identification: "Gezin op nummer 4, Molenweg",
		LifeDomains: []string{"rondkomen", "opgroeien"}, Urgency: signals.Worried, PersonKnows: &knows,
		Description:   "De kinderen komen zonder ontbijt naar de training. Moeder zegt dat het geld op is.",
		CallbackPhone: "06 12345678"})
	if err != nil {
		return fmt.Errorf("demo signal: %w", err)
	}
	_, err = s.Transition(ctx, contactID, r.ID, signals.Move{To: signals.Acknowledged,
		PublicUpdate: "Dank je wel. Ik neem deze week contact op met het gezin."})
	if err != nil {
		return fmt.Errorf("demo signal: %w", err)
	}
	return nil
}
