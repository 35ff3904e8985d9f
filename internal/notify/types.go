// Package notify tells people what happened without them keeping the app
// open: an inbox of notifications, and Web Push delivered from a
// transactional outbox by a bounded pool of workers.
package notify

import (
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// Type is the kind of a notification.
type Type string

// The notification types. Each event that notifies writes one of these in
// the same transaction as the event itself.
const (
	MessageNew      Type = "message_new"
	ResponseNew     Type = "response_new"
	ExchangeAgreed  Type = "exchange_agreed"
	ExchangeCheck   Type = "exchange_check"
	Suggestion      Type = "suggestion"
	PostExpiring    Type = "post_expiring"
	SignalAssigned  Type = "signal_assigned"
	SignalEscalated Type = "signal_escalated"
	SignalUpdate    Type = "signal_update"
	// InvitationNew: someone asked you privately to help with a request.
	InvitationNew Type = "invitation_new"
	// ReportDecided: a moderator decided on something you reported.
	ReportDecided Type = "report_decided"
	// ModerationNotice: a moderator hid something of yours, warned or
	// suspended you.
	ModerationNotice Type = "moderation_notice"
)

// kind is how a type is delivered: how long a push service may keep it,
// how urgent it is, whether a newer one replaces an older one (Topic), and
// the generic text people see (never personal content).
type kind struct {
	ttl     time.Duration
	urgency webpush.Urgency
	topic   bool
	text    map[string]string
	// path is the screen the app opens, with %s for the subject id.
	path string
}

var kinds = map[Type]kind{
	MessageNew: {ttl: 24 * time.Hour, urgency: webpush.UrgencyNormal, topic: true, path: "/gesprekken/%s",
		text: map[string]string{"nl": "Je hebt een nieuw bericht.", "en": "You have a new message."}},
	ResponseNew: {ttl: 24 * time.Hour, urgency: webpush.UrgencyNormal, path: "/vragen/%s",
		text: map[string]string{"nl": "Iemand reageerde op je vraag of aanbod.", "en": "Someone responded to your post."}},
	ExchangeAgreed: {ttl: 48 * time.Hour, urgency: webpush.UrgencyNormal, path: "/afspraken/%s",
		text: map[string]string{"nl": "Jullie hebben een afspraak gemaakt.", "en": "You agreed to help each other."}},
	ExchangeCheck: {ttl: 72 * time.Hour, urgency: webpush.UrgencyLow, path: "/afspraken/%s",
		text: map[string]string{"nl": "Is de hulp gelukt? Laat het ons weten.", "en": "Did the help happen? Let us know."}},
	Suggestion: {ttl: 12 * time.Hour, urgency: webpush.UrgencyLow, path: "/vragen/%s",
		text: map[string]string{"nl": "Misschien kun jij een buur helpen.", "en": "Maybe you can help a neighbour."}},
	PostExpiring: {ttl: 72 * time.Hour, urgency: webpush.UrgencyLow, path: "/vragen/%s",
		text: map[string]string{"nl": "Je vraag of aanbod loopt bijna af.", "en": "Your post expires soon."}},
	SignalAssigned: {ttl: 24 * time.Hour, urgency: webpush.UrgencyHigh, path: "/signalen/%s",
		text: map[string]string{"nl": "Er is een nieuw signaal voor jou.", "en": "There is a new signal for you."}},
	SignalEscalated: {ttl: 24 * time.Hour, urgency: webpush.UrgencyHigh, path: "/signalen/%s",
		text: map[string]string{"nl": "Een signaal wacht te lang. Pak het nu op.", "en": "A signal has waited too long. Please pick it up."}},
	SignalUpdate: {ttl: 72 * time.Hour, urgency: webpush.UrgencyNormal, path: "/mijn-signalen/%s",
		text: map[string]string{"nl": "Er is nieuws over je signaal.", "en": "There is news about your signal."}},
	InvitationNew: {ttl: 24 * time.Hour, urgency: webpush.UrgencyNormal, path: "/gesprekken/%s",
		text: map[string]string{"nl": "Iemand vraagt of jij een buur wilt helpen.", "en": "Someone asks if you would help a neighbour."}},
	ReportDecided: {ttl: 72 * time.Hour, urgency: webpush.UrgencyLow, path: "/mijn-meldingen/%s",
		text: map[string]string{"nl": "Er is een besluit over je melding.", "en": "There is a decision about your report."}},
	ModerationNotice: {ttl: 72 * time.Hour, urgency: webpush.UrgencyNormal, path: "/moderatie-berichten/%s",
		text: map[string]string{"nl": "Je hebt een bericht van de buurtmakelaar.", "en": "You have a message from the moderator."}},
}

// Types lists every notification type, for validating preferences.
func Types() []Type {
	return []Type{MessageNew, ResponseNew, ExchangeAgreed, ExchangeCheck, Suggestion, PostExpiring,
		SignalAssigned, SignalEscalated, SignalUpdate, InvitationNew, ReportDecided, ModerationNotice}
}

// Valid reports whether t is a known type.
func (t Type) Valid() bool { _, ok := kinds[t]; return ok }

// Text is the generic text of t in language ("nl" or "en").
func (t Type) Text(language string) string {
	if s, ok := kinds[t].text[language]; ok {
		return s
	}
	return kinds[t].text["nl"]
}
