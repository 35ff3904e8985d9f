// Package matching ranks who could answer a request, and which requests a
// resident could answer. It is pure: candidates and their facts go in, a
// ranked list with a score and 1–3 human-readable reasons comes out. There is
// no HTTP, no SQL and no clock inside; the caller gathers the facts (areas,
// ledger, blocks, pauses) and decides whom to notify.
//
// Ranking happens in two steps. Hard rules first: never the requester
// themselves, never someone blocked either way, paused, deleted or who
// declined the request, never anyone outside the request's radius or outside
// the radius of the helper's own offer. Then a score, the sum of five parts
// whose weights live in [Weights]:
//
//   - proximity: same neighbourhood > bordering > same district > distance decay;
//   - fit: the category is offered or was helped in before, the moment fits;
//   - reciprocity: direct (these two helped each other), indirect (the
//     requester has given to others; a helper who mostly received gets a
//     gentle boost to give something back);
//   - fairness: open commitments and many recent exchanges push a helper
//     down, newcomers get a first chance;
//   - trust: completed exchanges and thanks received.
//
// Results are deterministic: the order depends only on the facts, never on
// the order of the input, and ties are broken by id.
package matching
