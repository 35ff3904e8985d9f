package suggest

import (
	"testing"

	"github.com/noaber/noaber/matching"
)

func TestSuggestRenderReasons(t *testing.T) {
	t.Parallel()
	labels := categoryLabels{"klussen": {nl: "Klussen", en: "Odd jobs"}}
	in := []matching.Reason{
		{Key: matching.ReasonHelpedInCategory, Category: "klussen"},
		{Key: matching.ReasonDistance, Km: 2.5},
		{Key: matching.ReasonExperienced, Count: 4},
	}
	cases := []struct {
		lang string
		want []string
	}{
		{"nl", []string{"Heeft eerder geholpen bij klussen", "Woont ongeveer 2,5 km verderop", "Heeft al 4 keer geholpen"}},
		{"en", []string{"Has helped with odd jobs before", "Lives about 2.5 km away", "Has helped 4 times"}},
		{"de", []string{"Heeft eerder geholpen bij klussen", "Woont ongeveer 2,5 km verderop", "Heeft al 4 keer geholpen"}},
	}
	for _, c := range cases {
		got := render(in, c.lang, labels)
		for i, r := range got {
			if r.Text != c.want[i] || r.Key != in[i].Key {
				t.Errorf("%s %d: %q, want %q", c.lang, i, r.Text, c.want[i])
			}
		}
		if got[0].Params["category"] != "klussen" || got[1].Params["km"] != 2.5 || got[2].Params["count"] != 4 {
			t.Errorf("%s params: %+v", c.lang, got)
		}
	}
}
