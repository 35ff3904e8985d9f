package areas

// BrokerCovers is the SQL condition that the broker whose id is the SQL
// expression broker works in the area of the neighbourhood whose code is the
// SQL expression neighbourhood: broker_areas holds that neighbourhood, its
// district or its municipality. Every "broker of the area" check uses it,
// so that the scope is decided in the query and in one place.
func BrokerCovers(broker, neighbourhood string) string {
	return `EXISTS (SELECT 1 FROM broker_areas ba
		JOIN areas bn ON bn.code = ` + neighbourhood + `
		LEFT JOIN areas bd ON bd.code = bn.parent_code
		WHERE ba.user_id = ` + broker + ` AND ba.area_code IN (bn.code, bn.parent_code, bd.parent_code))`
}
