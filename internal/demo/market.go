package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
)

// The demo marketplace: open requests and offers across the Binnenstad and
// its neighbours, a few conversations, one agreed exchange and two that
// were completed (one with a thank-you), so that the app looks lived in.
// Times are relative to the moment of seeding.

const day = 24 * time.Hour

// demoPost is a post by a demo resident; key names it within this file.
type demoPost struct {
	key, author, kind, category string
	title, body, momentText     string
	recurrence                  string
	radiusKm                    float64
	age                         time.Duration
	status                      string
}

var demoPosts = []demoPost{
	{key: "hond", author: "bewoner@noaberveen.nl", kind: "request", category: "dieren",
		title: "Wie kan zaterdag mijn hond uitlaten?",
		body: "Ik moet zaterdag naar het ziekenhuis in Emmen. Mijn hond Bobbie is rustig en lief. " +
			"Het gaat om een half uur wandelen, rond 11 uur.", momentText: "zaterdag rond 11 uur", radiusKm: 2, age: 5 * time.Hour},
	{key: "soep", author: "buurvrouw@noaberveen.nl", kind: "offer", category: "koken",
		title: "Ik kook graag een extra portie soep",
		body: "Elke woensdag maak ik een grote pan soep. Wilt u ook een bakje? " +
			"Ik breng het langs als u in de Binnenstad woont.", momentText: "elke woensdag", recurrence: "weekly", radiusKm: 2, age: 2 * day},
	{key: "digid", author: "fatma@noaberveen.nl", kind: "request", category: "computer",
		title: "Hulp bij DigiD op mijn telefoon",
		body: "Ik heb een nieuwe telefoon. Nu werkt de DigiD-app niet meer. " +
			"Wie wil mij helpen om hem weer aan de praat te krijgen?", radiusKm: 3, age: 26 * time.Hour},
	{key: "klussen", author: "joop@noaberveen.nl", kind: "offer", category: "klussen",
		title: "Kleine klussen in huis: lamp, kastje of kraan",
		body: "Ik ben met pensioen en heb mijn eigen gereedschap. Een lamp ophangen of een kraan die lekt? " +
			"Vraag het gerust.", recurrence: "regularly", radiusKm: 3, age: 4 * day},
	{key: "boodschappen", author: "ria@noaberveen.nl", kind: "request", category: "boodschappen",
		title: "Wie neemt boodschappen voor mij mee?",
		body: "Ik loop slecht na mijn val. Wie doet op donderdag boodschappen bij de supermarkt voor mij? " +
			"Het is een kleine lijst. Ik betaal natuurlijk zelf.", momentText: "donderdagochtend", recurrence: "weekly", radiusKm: 2, age: 9 * time.Hour},
	{key: "ziekenhuis", author: "daan@noaberveen.nl", kind: "offer", category: "vervoer",
		title: "Ik rijd dinsdag naar Emmen, rijdt u mee?",
		body: "Dinsdagochtend rijd ik naar Emmen. Ik heb nog twee plekken vrij in de auto. " +
			"Handig als u naar het ziekenhuis moet.", momentText: "dinsdag om 9 uur", radiusKm: 5, age: 3 * day},
	{key: "heg", author: "lotte@noaberveen.nl", kind: "request", category: "tuin",
		title: "Hulp bij het snoeien van mijn heg",
		body: "Mijn heg is veel te hoog geworden. Ik heb een heggenschaar, maar ik kan niet meer op de trap staan. " +
			"Wie helpt een uurtje mee?", radiusKm: 3, age: 6 * day},
	{key: "koffie", author: "sleutelfiguur@noaberveen.nl", kind: "offer", category: "gezelschap",
		title: "Samen een kopje koffie drinken?",
		body: "Ik vind het leuk om bij mensen langs te gaan voor een praatje en een kop koffie. " +
			"Woont u alleen en wilt u wat aanspraak? Stuur mij een bericht.", recurrence: "regularly", radiusKm: 3, age: 8 * day},
	{key: "belasting", author: "wim@noaberveen.nl", kind: "request", category: "formulieren",
		title: "Wie helpt mij met een brief van de Belastingdienst?",
		body: "Ik kreeg een brief over toeslagen en ik begrijp hem niet goed. " +
			"Wie wil hem samen met mij lezen?", radiusKm: 4, age: 30 * time.Hour},
	{key: "taal", author: "sara@noaberveen.nl", kind: "offer", category: "taal",
		title: "Samen Nederlands oefenen",
		body: "Ik ben lerares. Wilt u beter Nederlands leren spreken of lezen? " +
			"We kunnen elke week een uur oefenen, bij u thuis of in de bibliotheek.", momentText: "op maandagavond", recurrence: "weekly", radiusKm: 4, age: 10 * day},
	{key: "oppas", author: "sara@noaberveen.nl", kind: "request", category: "kinderen",
		title:      "Oppas gezocht voor woensdagmiddag",
		body:       "Ik zoek iemand die op woensdagmiddag op mijn zoon van 7 past. Hij houdt van voetbal en lezen.",
		momentText: "woensdag van 13 tot 17 uur", recurrence: "weekly", radiusKm: 3, age: 20 * time.Hour},
	{key: "ladder", author: "buurvrouw@noaberveen.nl", kind: "request", category: "overig",
		title: "Wie kan mij een ladder lenen?",
		body:  "Ik wil mijn dakgoot schoonmaken. Heeft iemand een ladder die ik een dag mag lenen?", radiusKm: 2, age: 3 * time.Hour},
	// Closed: their exchanges are completed.
	{key: "gordijnen", author: "ria@noaberveen.nl", kind: "request", category: "klussen",
		title:    "Wie helpt mij gordijnen ophangen?",
		body:     "Ik heb nieuwe gordijnen gekocht, maar de rails hangen hoog. Wie helpt mij even?",
		radiusKm: 3, age: 20 * day, status: "closed"},
	{key: "operatie", author: "bewoner@noaberveen.nl", kind: "request", category: "boodschappen",
		title:    "Boodschappen nodig na mijn operatie",
		body:     "Ik ben net geopereerd aan mijn knie en kan twee weken niet fietsen. Wie haalt een paar keer boodschappen?",
		radiusKm: 2, age: 14 * day, status: "closed"},
}

// demoMessage is one message; byAuthor tells which side wrote it.
type demoMessage struct {
	byAuthor bool
	body     string
	ago      time.Duration
}

// demoConversation is a response to a post and what followed.
type demoConversation struct {
	key, post, responder string
	messages             []demoMessage
	// unreadByAuthor leaves the last message unread for the post's author.
	unreadByAuthor bool
}

var demoConversations = []demoConversation{
	{key: "hond-joop", post: "hond", responder: "joop@noaberveen.nl", unreadByAuthor: true, messages: []demoMessage{
		{false, "Hallo Henk, ik loop zaterdag graag met Bobbie. Ik woon in het Havenkwartier, vlak bij u.", 4 * time.Hour},
		{true, "Wat fijn, Joop! Kunt u om 11 uur komen? De riem hangt bij de deur.", 3 * time.Hour},
		{false, "Dat is goed. Ik bel zaterdag om 11 uur bij u aan.", 2 * time.Hour},
	}},
	{key: "digid-daan", post: "digid", responder: "daan@noaberveen.nl", messages: []demoMessage{
		{false, "Ik werk in de ICT en help u graag met DigiD. Wanneer komt het u uit?", 20 * time.Hour},
	}},
	{key: "klussen-fatma", post: "klussen", responder: "fatma@noaberveen.nl", messages: []demoMessage{
		{false, "Goedemiddag Joop, de kraan in mijn keuken lekt al een week. Kunt u daar eens naar kijken?", 3 * day},
		{true, "Ja hoor, dat is meestal een nieuw rubbertje. Komt maandagmiddag om 2 uur u goed uit?", 3*day - 2*time.Hour},
		{false, "Ja, maandag om 2 uur is goed. Dank u wel!", 2 * day},
	}},
	{key: "koffie-wim", post: "koffie", responder: "wim@noaberveen.nl", messages: []demoMessage{
		{false, "Beste Kees, sinds mijn vrouw er niet meer is, zit ik veel alleen. Een kop koffie lijkt mij fijn.", 6 * day},
		{true, "Dat doe ik graag, Wim. Ik kom vrijdag om 10 uur bij u langs.", 5 * day},
	}},
	{key: "gordijnen-daan", post: "gordijnen", responder: "daan@noaberveen.nl", messages: []demoMessage{
		{false, "Ik heb een hoge trap en help u graag. Zaterdagochtend?", 19 * day},
		{true, "Zaterdag om 10 uur is prima. Ik zet koffie.", 19*day - 3*time.Hour},
	}},
	{key: "operatie-mieke", post: "operatie", responder: "buurvrouw@noaberveen.nl", messages: []demoMessage{
		{false, "Beterschap, Henk! Ik doe toch boodschappen, dus ik neem de uwe mee. Geef mij maar een lijstje.", 13 * day},
		{true, "Dank je wel, Mieke. Ik stuur je vanavond het lijstje.", 13*day - time.Hour},
	}},
}

// demoExchange is agreed help in a conversation; completedAgo zero means
// still agreed, momentIn when it is planned (from now, may be negative).
type demoExchange struct {
	conversation string
	momentIn     time.Duration
	completedAgo time.Duration
	hours        float64
	thanks       string
}

var demoExchanges = []demoExchange{
	// Joop fixes Fatma's tap next Monday-ish: agreed, in the future.
	{conversation: "klussen-fatma", momentIn: 3*day + 2*time.Hour},
	{conversation: "gordijnen-daan", momentIn: -18 * day, completedAgo: 17 * day, hours: 1.5,
		thanks: "Dank je wel, Daan! De gordijnen hangen mooi en de kamer is weer gezellig."},
	{conversation: "operatie-mieke", momentIn: -12 * day, completedAgo: 11 * day, hours: 1},
}

// seedMarket writes the demo marketplace once: when a demo resident already
// has posts, it leaves everything as it is.
func seedMarket(ctx context.Context, db *sqlx.DB, ids map[string]string, now time.Time) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM posts WHERE author_id = $1`,
		ids["bewoner@noaberveen.nl"]); err != nil || n > 0 {
		return err
	}
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		posts, err := insertPosts(ctx, tx, ids, now)
		if err != nil {
			return err
		}
		convs, err := insertConversations(ctx, tx, ids, posts, now)
		if err != nil {
			return err
		}
		return insertExchanges(ctx, tx, convs, now)
	})
	if err != nil {
		return fmt.Errorf("demo marketplace: %w", err)
	}
	return nil
}

func insertPosts(ctx context.Context, tx *sqlx.Tx, ids map[string]string, now time.Time) (map[string]string, error) {
	out := make(map[string]string, len(demoPosts))
	for _, p := range demoPosts {
		created := now.Add(-p.age)
		var id string
		err := tx.GetContext(ctx, &id, `
			INSERT INTO posts (author_id, kind, category_code, title, body, moment_text, recurrence, radius_km,
				neighbourhood_code, status, expires_at, created_at, updated_at)
			SELECT u.id, $2, $3, $4, $5, NULLIF($6, ''), $7, $8, u.neighbourhood_code, $9, $10, $11, $11
			FROM users u WHERE u.id = $1
			RETURNING id`,
			ids[p.author], p.kind, p.category, p.title, p.body, p.momentText, or(p.recurrence, "once"), p.radiusKm,
			or(p.status, "open"), now.Add(30*day), created)
		if err != nil {
			return nil, fmt.Errorf("post %s: %w", p.key, err)
		}
		out[p.key] = id
	}
	return out, nil
}

// demoConversationRow is what exchanges need of a conversation.
type demoConversationRow struct {
	id, postID, authorID, responderID string
}

func insertConversations(ctx context.Context, tx *sqlx.Tx, ids, posts map[string]string, now time.Time) (map[string]demoConversationRow, error) {
	out := make(map[string]demoConversationRow, len(demoConversations))
	for _, c := range demoConversations {
		first, last := now.Add(-c.messages[0].ago), now.Add(-c.messages[len(c.messages)-1].ago)
		// Each side has read up to its own last message; the author may
		// have one unread.
		authorRead, responderRead := last, last
		if c.unreadByAuthor {
			authorRead = now.Add(-c.messages[len(c.messages)-2].ago)
		}
		row := demoConversationRow{postID: posts[c.post], responderID: ids[c.responder]}
		err := tx.QueryRowxContext(ctx, `
			INSERT INTO conversations (post_id, author_id, responder_id, created_at, last_message_at,
				author_read_at, responder_read_at)
			SELECT p.id, p.author_id, $2, $3, $4, $5, $6 FROM posts p WHERE p.id = $1
			RETURNING id, author_id`,
			row.postID, row.responderID, first, last, authorRead, responderRead).Scan(&row.id, &row.authorID)
		if err != nil {
			return nil, fmt.Errorf("conversation %s: %w", c.key, err)
		}
		for _, m := range c.messages {
			sender := row.responderID
			if m.byAuthor {
				sender = row.authorID
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO messages (conversation_id, sender_id, body, created_at) VALUES ($1, $2, $3, $4)`,
				row.id, sender, m.body, now.Add(-m.ago)); err != nil {
				return nil, fmt.Errorf("message in %s: %w", c.key, err)
			}
		}
		out[c.key] = row
	}
	return out, nil
}

// insertExchanges agrees (and completes) help: for a request the responder
// helps the author, for an offer the author helps the responder. A
// completed exchange gets its entry in the reciprocity ledger.
func insertExchanges(ctx context.Context, tx *sqlx.Tx, convs map[string]demoConversationRow, now time.Time) error {
	for _, e := range demoExchanges {
		c := convs[e.conversation]
		moment := now.Add(e.momentIn)
		var exchangeID string
		err := tx.GetContext(ctx, &exchangeID, `
			INSERT INTO exchanges (post_id, conversation_id, helper_id, receiver_id, category_code, single_occasion,
				status, moment_at, check_at, created_at, updated_at)
			SELECT p.id, $2,
				CASE p.kind WHEN 'request' THEN $4::uuid ELSE $3::uuid END,
				CASE p.kind WHEN 'request' THEN $3::uuid ELSE $4::uuid END,
				p.category_code, p.recurrence = 'once', 'agreed', $5::timestamptz, $5::timestamptz + interval '2 hours', c.last_message_at, c.last_message_at
			FROM posts p JOIN conversations c ON c.id = $2 WHERE p.id = $1
			RETURNING id`, c.postID, c.id, c.authorID, c.responderID, moment)
		if err != nil {
			return fmt.Errorf("exchange in %s: %w", e.conversation, err)
		}
		if e.completedAgo == 0 {
			continue
		}
		done := now.Add(-e.completedAgo)
		_, err = tx.ExecContext(ctx, `
			WITH done AS (
				UPDATE exchanges SET status = 'completed', helper_answer = true, receiver_answer = true,
					hours = $2, checked_at = $3, updated_at = $3,
					thanks = NULLIF($4, ''), thanked_at = CASE WHEN $4 <> '' THEN $3::timestamptz + interval '1 hour' END
				WHERE id = $1
				RETURNING id, helper_id, receiver_id, category_code, post_id, hours)
			INSERT INTO reciprocity_entries (exchange_id, giver_id, receiver_id, category_code, neighbourhood_code,
				hours, completed_at)
			SELECT d.id, d.helper_id, d.receiver_id, d.category_code, p.neighbourhood_code, d.hours, $3
			FROM done d JOIN posts p ON p.id = d.post_id`, exchangeID, e.hours, done, e.thanks)
		if err != nil {
			return fmt.Errorf("complete exchange in %s: %w", e.conversation, err)
		}
	}
	return nil
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
