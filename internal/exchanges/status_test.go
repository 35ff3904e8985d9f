package exchanges

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/domain"
)

func TestTransitions(t *testing.T) {
	t.Parallel()
	all := []Status{Agreed, Completed, Cancelled, NotHappened}
	allowed := map[Status][]Status{Agreed: {Completed, NotHappened, Cancelled}}
	for _, from := range all {
		if !from.Valid() {
			t.Errorf("%s is not valid", from)
		}
		for _, to := range all {
			err := checkTransition(from, to)
			want := false
			for _, a := range allowed[from] {
				want = want || a == to
			}
			if (err == nil) != want {
				t.Errorf("%s → %s: err %v, want allowed %v", from, to, err, want)
			}
			var te *domain.TransitionError
			if err != nil && (!errors.As(err, &te) || !errors.Is(err, domain.ErrConflict) || len(te.Allowed) != len(allowed[from])) {
				t.Errorf("%s → %s: %#v is not a conflict listing %v", from, to, err, allowed[from])
			}
		}
		if got := AllowedTransitions(from); len(got) != len(allowed[from]) || (len(got) > 0 && !reflect.DeepEqual(got, allowed[from])) {
			t.Errorf("AllowedTransitions(%s) = %v", from, got)
		}
	}
	if Status("done").Valid() {
		t.Error("unknown status is valid")
	}
	if !Agreed.Live() || !Completed.Live() || Cancelled.Live() || NotHappened.Live() {
		t.Error("live statuses are agreed and completed")
	}
}

func TestCheckAt(t *testing.T) {
	t.Parallel()
	agreed := time.Date(2026, 11, 7, 9, 0, 0, 0, time.UTC)
	moment := agreed.Add(30 * time.Hour)
	if got := checkAt(&moment, agreed); !got.Equal(moment.Add(2 * time.Hour)) {
		t.Errorf("with a moment: %s", got)
	}
	if got := checkAt(nil, agreed); !got.Equal(agreed.Add(72 * time.Hour)) {
		t.Errorf("without a moment: %s", got)
	}
}
