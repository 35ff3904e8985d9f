package synthetic

// step is one statement of the generator; steps without a name are set-up
// and not reported.
type step struct {
	name  string
	query string
	args  []any
}

// The temporary tables number what was made, so that later steps can pick
// "resident 1 + floor(random() * n)" with a cheap join.
const tempTables = `
	CREATE TEMP TABLE syn_hoods (i int PRIMARY KEY, r int, c int, code text, district text, pc4 int,
		lat float8, lon float8, rank int UNIQUE) ON COMMIT DROP;
	CREATE TEMP TABLE syn_templates (n int PRIMARY KEY, kind text, category text, title text, body text) ON COMMIT DROP;
	CREATE TEMP TABLE syn_users (n int PRIMARY KEY, id uuid, hood text) ON COMMIT DROP;
	CREATE TEMP TABLE syn_hist (n int PRIMARY KEY, id uuid, author_n int, tn int, at timestamptz) ON COMMIT DROP;
	CREATE TEMP TABLE syn_conv (conv_id uuid, ex_id uuid, post_id uuid, author_id uuid, responder_id uuid,
		hood text, kind text, category text, at timestamptz, hours numeric) ON COMMIT DROP`

// templates are the posts of the synthetic city: one request and one offer
// per category, in plain Dutch, so that full-text search finds something.
const templates = `
	INSERT INTO syn_templates (n, kind, category, title, body) VALUES
	(0, 'request', 'koken', 'Wie kookt een keer voor mij?', 'Ik ben net uit het ziekenhuis en kan nog niet goed staan. Een warme maaltijd zou fijn zijn.'),
	(1, 'offer', 'koken', 'Ik kook graag een extra portie', 'Ik kook elke dag en maak makkelijk een bord meer. Ik breng het bij u langs.'),
	(2, 'request', 'boodschappen', 'Wie doet boodschappen voor mij?', 'Ik kan niet zelf naar de supermarkt. Het is een kleine lijst met brood, melk en fruit.'),
	(3, 'offer', 'boodschappen', 'Ik neem uw boodschappen mee', 'Elke zaterdag ga ik naar de markt en de supermarkt. Ik neem graag iets voor u mee.'),
	(4, 'request', 'klussen', 'Hulp bij een lamp ophangen', 'Ik heb een nieuwe lamp, maar ik durf niet op de trap. Wie helpt mij even?'),
	(5, 'offer', 'klussen', 'Kleine klussen in huis', 'Een kraan die lekt of een kastje dat scheef hangt? Ik heb gereedschap en tijd.'),
	(6, 'request', 'tuin', 'Wie helpt mij met de tuin?', 'Het gras is lang en de heg moet geknipt worden. Ik kan het zelf niet meer.'),
	(7, 'offer', 'tuin', 'Ik maai graag uw gras', 'Ik heb een grasmaaier en help graag in de tuin, in het voorjaar en de zomer.'),
	(8, 'request', 'gezelschap', 'Wie komt een kopje koffie drinken?', 'Ik woon alleen en zou het fijn vinden om af en toe een praatje te maken.'),
	(9, 'offer', 'gezelschap', 'Samen wandelen of koffie drinken', 'Ik heb tijd en vind het leuk om mensen te ontmoeten. Zullen we samen wandelen?'),
	(10, 'request', 'vervoer', 'Wie brengt mij naar het ziekenhuis?', 'Ik heb volgende week een afspraak in het ziekenhuis en heb geen auto.'),
	(11, 'offer', 'vervoer', 'Ik rijd u naar de dokter', 'Ik heb een auto en breng u graag naar de huisarts, het ziekenhuis of de apotheek.'),
	(12, 'request', 'dieren', 'Wie kan mijn hond uitlaten?', 'Mijn hond moet drie keer per dag naar buiten. Deze week lukt mij dat niet.'),
	(13, 'offer', 'dieren', 'Ik laat uw hond uit', 'Ik wandel elke ochtend en neem uw hond graag mee. Ook op de kat passen kan.'),
	(14, 'request', 'computer', 'Hulp met mijn telefoon', 'Mijn nieuwe telefoon doet niet wat ik wil. Wie legt mij uit hoe het werkt?'),
	(15, 'offer', 'computer', 'Ik help met computer en telefoon', 'Problemen met de computer, de telefoon of DigiD? Ik kijk graag met u mee.'),
	(16, 'request', 'formulieren', 'Wie helpt mij met een formulier?', 'Ik kreeg een brief van de gemeente en begrijp niet wat ik moet invullen.'),
	(17, 'offer', 'formulieren', 'Hulp bij brieven en formulieren', 'Ik werkte bij de gemeente en help u graag met brieven, toeslagen en formulieren.'),
	(18, 'request', 'kinderen', 'Oppas gezocht voor de middag', 'Wie past een middag op mijn twee kinderen? Ze zijn 5 en 8 jaar.'),
	(19, 'offer', 'kinderen', 'Ik pas graag op uw kinderen', 'Ik ben moeder van drie kinderen en pas graag een middag op, ook met huiswerk.'),
	(20, 'request', 'taal', 'Wie oefent Nederlands met mij?', 'Ik woon hier twee jaar en wil beter Nederlands spreken. Wie praat met mij?'),
	(21, 'offer', 'taal', 'Samen Nederlands oefenen', 'Ik ben juf geweest en oefen graag lezen en spreken met u, bij u thuis.'),
	(22, 'request', 'overig', 'Wie kan mij een ladder lenen?', 'Ik wil de dakgoot schoonmaken. Heeft iemand een ladder voor een dag?'),
	(23, 'offer', 'overig', 'Gereedschap te leen', 'Ik heb een boormachine, ladder en kruiwagen. U mag ze lenen.')`

const templateCount = 24

// steps is the generator, statement by statement. The grid's geometry is
// computed in Go and passed as parameters; everything per row happens in
// SQL.
func steps(o Options, g grid) []step {
	hist := (o.Exchanges + exchangesPerPost - 1) / exchangesPerPost
	// A responder is the author's number plus an offset in 1…residents-1,
	// different for each exchange of the same post.
	spread := max(1, (o.Residents-1)/exchangesPerPost)
	return []step{
		{query: `SELECT setseed(0.4242)`},
		{query: `SET LOCAL work_mem = '256MB'`},
		{query: `SET LOCAL maintenance_work_mem = '512MB'`},
		{query: tempTables},
		{query: templates},
		{name: "municipality", query: `
			INSERT INTO areas (code, kind, name, latitude, longitude)
			VALUES ($1, 'municipality', 'Proefstad', $2, $3)`,
			args: []any{MunicipalityCode, g.centre[0], g.centre[1]}},
		{name: "districts", query: `
			INSERT INTO areas (code, kind, name, parent_code, latitude, longitude)
			SELECT 'WK8888' || lpad(r::text, 2, '0'), 'district', 'Wijk ' || (r + 1), $2,
				$3::float8 + r * $4::float8, $5::float8
			FROM generate_series(0, $1::int - 1) r`,
			args: []any{g.rows, MunicipalityCode, g.lat0, g.dLat, g.centre[1]}},
		{query: `
			INSERT INTO syn_hoods (i, r, c, code, district, pc4, lat, lon, rank)
			SELECT i, r, c, 'BU8888' || lpad(r::text, 2, '0') || lpad(c::text, 2, '0'),
				'WK8888' || lpad(r::text, 2, '0'), 1000 + i,
				$3::float8 + r * $4::float8, $5::float8 + c * $6::float8,
				row_number() OVER (ORDER BY (r - $7::float8) ^ 2 + (c - $8::float8) ^ 2, i) - 1
			FROM (SELECT i, i / $2::int AS r, i % $2::int AS c FROM generate_series(0, $1::int - 1) i) cells`,
			args: []any{o.Neighbourhoods, g.side, g.lat0, g.dLat, g.lon0, g.dLon,
				float64(g.rows-1) / 2, float64(g.side-1) / 2}},
		{name: "neighbourhoods", query: `
			INSERT INTO areas (code, kind, name, parent_code, latitude, longitude)
			SELECT code, 'neighbourhood',
				(ARRAY['Oude', 'Nieuwe', 'Hoge', 'Lage', 'Noorder', 'Zuider', 'Ooster', 'Wester', 'Kleine', 'Grote'])[1 + i % 10] ||
				(ARRAY['kamp', 'es', 'hof', 'akker', 'brink', 'veld', 'hoek', 'weide', 'horst', 'dijk', 'beek', 'laan'])[1 + (i / 10) % 12] ||
				CASE WHEN i >= 120 THEN ' ' || (i / 120 + 1) ELSE '' END,
				district, lat, lon
			FROM syn_hoods ORDER BY i`},
		{name: "borders", query: `
			INSERT INTO area_borders (area_code, neighbour_code)
			SELECT least(a.code, b.code), greatest(a.code, b.code)
			FROM syn_hoods a JOIN syn_hoods b
				ON (b.r = a.r AND b.c = a.c + 1) OR (b.r = a.r + 1 AND b.c = a.c)`},
		// The bulk load may run with triggers off (session_replication_role
		// = replica), so the distances the triggers keep are made here.
		{name: "neighbourhood distances", query: `SELECT refresh_neighbourhood_distances()`},
		{name: "postcodes", query: `
			INSERT INTO postcodes (postcode, neighbourhood_code)
			SELECT h.pc4::text || l, h.code FROM syn_hoods h, unnest(ARRAY['', 'AA', 'AB', 'AC', 'AD', 'AE']) l
			ON CONFLICT (postcode) DO NOTHING`},
		// Residents crowd towards the centre: neighbourhood rank
		// floor(n · random()^1.5) makes the central one ~7× the average.
		{name: "residents", query: `
			WITH made AS (
				INSERT INTO users (email, display_name, postcode, house_number, neighbourhood_code, created_at,
					password_changed_at)
				SELECT 'inwoner' || g || '@' || $3,
					(ARRAY['Anna', 'Bram', 'Carla', 'Daan', 'Emma', 'Fatima', 'Gerrit', 'Hanna', 'Ivo', 'Jasmijn',
						'Kees', 'Lotte', 'Mohamed', 'Noor', 'Otto', 'Petra', 'Rik', 'Sanne', 'Tom', 'Wendy'])[1 + g % 20] || ' ' ||
					(ARRAY['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
						'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Yilmaz', 'El Amrani', 'Kok', 'Post'])[1 + (g / 20) % 18],
					h.pc4::text || 'AA', (1 + g % 150)::text, h.code, s.at, s.at
				FROM (SELECT g, floor($2::int * power(random(), 1.5))::int AS rank,
						now() - random() * interval '3 years' AS at
					FROM generate_series(1, $1::int) g) s
				JOIN syn_hoods h ON h.rank = s.rank
				RETURNING id, neighbourhood_code)
			INSERT INTO syn_users (n, id, hood) SELECT row_number() OVER (), id, neighbourhood_code FROM made`,
			args: []any{o.Residents, o.Neighbourhoods, EmailDomain}},
		{name: "resident roles", query: `
			INSERT INTO user_roles (user_id, role) SELECT id, 'resident' FROM syn_users`},
		{name: "open posts", query: `
			INSERT INTO posts (author_id, kind, category_code, title, body, recurrence, radius_km,
				neighbourhood_code, status, expires_at, created_at, updated_at)
			SELECT u.id, t.kind, t.category, t.title, t.body,
				(ARRAY['once', 'once', 'once', 'weekly', 'regularly'])[1 + s.g % 5], s.radius,
				u.hood, 'open', s.at + interval '30 days', s.at, s.at
			FROM (SELECT g, 1 + floor(random() * $2::int)::int AS un, floor(random() * $3::int)::int AS tn,
					now() - random() * interval '30 days' AS at, (2 + floor(random() * 29)) / 2 AS radius
				FROM generate_series(1, $1::int) g) s
			JOIN syn_users u ON u.n = s.un
			JOIN syn_templates t ON t.n = s.tn`,
			args: []any{o.Posts, o.Residents, templateCount}},
		// The past: recurring posts, closed now, each with a few completed
		// exchanges over the last year.
		{name: "plan past posts", query: `
			INSERT INTO syn_hist (n, id, author_n, tn, at)
			SELECT h, gen_random_uuid(), 1 + floor(random() * $2::int)::int, floor(random() * $3::int)::int,
				now() - interval '35 days' - random() * interval '330 days'
			FROM generate_series(1, $1::int) h`,
			args: []any{hist, o.Residents, templateCount}},
		{name: "past posts", query: `
			INSERT INTO posts (id, author_id, kind, category_code, title, body, recurrence, radius_km,
				neighbourhood_code, status, expires_at, created_at, updated_at)
			SELECT s.id, u.id, t.kind, t.category, t.title, t.body, 'regularly', 3, u.hood, 'closed',
				s.at + interval '30 days', s.at, s.at + interval '10 days'
			FROM syn_hist s JOIN syn_users u ON u.n = s.author_n JOIN syn_templates t ON t.n = s.tn`},
		{name: "plan exchanges", query: `
			INSERT INTO syn_conv (conv_id, ex_id, post_id, author_id, responder_id, hood, kind, category, at, hours)
			SELECT gen_random_uuid(), gen_random_uuid(), s.id, a.id, r.id, a.hood, t.kind, t.category,
				s.at + (k + 1) * interval '1 day', (1 + floor(random() * 8)) / 2
			FROM syn_hist s
			CROSS JOIN generate_series(0, $1::int - 1) k
			JOIN syn_users a ON a.n = s.author_n
			JOIN syn_users r ON r.n = 1 + (s.author_n - 1 + 1 + k + $1::int * (s.n % $3::int)) % $4::int
			JOIN syn_templates t ON t.n = s.tn
			WHERE (s.n - 1) * $1::int + k < $2::int`,
			args: []any{exchangesPerPost, o.Exchanges, spread, o.Residents}},
		{name: "conversations", query: `
			INSERT INTO conversations (id, post_id, author_id, responder_id, created_at, last_message_at,
				author_read_at, responder_read_at)
			SELECT conv_id, post_id, author_id, responder_id, at, at, at, at FROM syn_conv
			ORDER BY post_id, responder_id -- appends to the unique index instead of random inserts`},
		{name: "messages", query: `
			INSERT INTO messages (conversation_id, sender_id, body, created_at)
			SELECT conv_id, responder_id, 'Ik help u graag. Wanneer komt het u uit?', at FROM syn_conv`},
		{name: "exchanges", query: `
			INSERT INTO exchanges (id, post_id, conversation_id, helper_id, receiver_id, category_code,
				single_occasion, status, moment_at, check_at, checked_at, helper_answer, receiver_answer, hours,
				created_at, updated_at)
			SELECT ex_id, post_id, conv_id,
				CASE kind WHEN 'request' THEN responder_id ELSE author_id END,
				CASE kind WHEN 'request' THEN author_id ELSE responder_id END,
				category, false, 'completed', at + interval '2 days', at + interval '2 days 2 hours',
				at + interval '2 days 3 hours', true, true, hours, at + interval '2 hours', at + interval '2 days 3 hours'
			FROM syn_conv`},
		{name: "reciprocity entries", query: `
			INSERT INTO reciprocity_entries (exchange_id, giver_id, receiver_id, category_code, neighbourhood_code,
				hours, completed_at)
			SELECT ex_id,
				CASE kind WHEN 'request' THEN responder_id ELSE author_id END,
				CASE kind WHEN 'request' THEN author_id ELSE responder_id END,
				category, hood, hours, at + interval '2 days 3 hours'
			FROM syn_conv`},
	}
}
