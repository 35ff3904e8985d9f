package areas

import (
	"math"
	"sort"
)

// earthRadiusKm is the mean radius of the earth.
const earthRadiusKm = 6371.0

// nearBorders takes two neighbourhoods to share a border when their
// centroids lie at most maxKm apart (great-circle distance). It is an
// approximation for when no real adjacency table is at hand: neighbourhoods
// with large areas may miss a neighbour, small dense ones gain a few.
func nearBorders(neighbourhoods []*seen, maxKm float64) []Border {
	if maxKm <= 0 {
		return nil
	}
	sorted := append([]*seen(nil), neighbourhoods...)
	sort.Slice(sorted, func(i, j int) bool { return *sorted[i].Latitude < *sorted[j].Latitude })
	// One degree of latitude is about 111.2 km anywhere: a sweep over the
	// latitude band keeps this far below n² for a whole country.
	band := maxKm / (earthRadiusKm * math.Pi / 180)
	var out []Border
	for i, a := range sorted {
		for _, b := range sorted[i+1:] {
			if *b.Latitude-*a.Latitude > band {
				break
			}
			if distanceKm(*a.Latitude, *a.Longitude, *b.Latitude, *b.Longitude) <= maxKm {
				out = append(out, Border{A: a.Code, B: b.Code})
			}
		}
	}
	return out
}

// distanceKm is the haversine distance between two WGS84 points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// meanCentroid averages the centroids of the neighbourhoods under code (a
// district or municipality): good enough to centre a map on.
func meanCentroid(neighbourhoods []*seen, code string) (*float64, *float64) {
	var lat, lon float64
	n := 0
	for _, s := range neighbourhoods {
		// A neighbourhood's code starts with the digits of its municipality.
		if *s.ParentCode == code || code[:2] == "GM" && s.Code[2:6] == code[2:6] {
			lat, lon = lat+*s.Latitude, lon+*s.Longitude
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return ptr(lat / float64(n)), ptr(lon / float64(n))
}

func ptr[T any](v T) *T { return &v }
