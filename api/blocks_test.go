package api_test

import (
	"net/http"
	"testing"
	"time"
)

type blockList struct {
	Items []struct {
		User      userRef   `json:"user"`
		CreatedAt time.Time `json:"createdAt"`
	} `json:"items"`
	NextCursor *string `json:"nextCursor"`
}

func TestBlocks(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	bob := w.resident(t, postcodeHavenkwartier)
	for i := 0; i < 2; i++ { // blocking twice is fine
		if resp := w.env.call(t, "POST", "/api/v1/blocks/"+bob.ID, alice.Token, nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("block #%d = %d", i+1, resp.StatusCode)
		}
	}
	list := decode[blockList](t, w.env.call(t, "GET", "/api/v1/blocks", alice.Token, nil), http.StatusOK)
	if len(list.Items) != 1 || list.Items[0].User.ID != bob.ID || list.Items[0].User.Neighbourhood == nil ||
		list.Items[0].User.Neighbourhood.ID != buHaven || list.NextCursor != nil {
		t.Errorf("blocks = %+v", list)
	}
	if other := decode[blockList](t, w.env.call(t, "GET", "/api/v1/blocks", bob.Token, nil), http.StatusOK); len(other.Items) != 0 {
		t.Errorf("bob's blocks = %+v", other)
	}
	readProblem(t, w.env.call(t, "POST", "/api/v1/blocks/00000000-0000-4000-8000-000000000000", alice.Token, nil), http.StatusNotFound)
	readProblem(t, w.env.call(t, "POST", "/api/v1/blocks/nobody", alice.Token, nil), http.StatusNotFound)
	if names := invalidNames(t, w.env.call(t, "POST", "/api/v1/blocks/"+alice.ID, alice.Token, nil)); !names["userId"] {
		t.Errorf("blocking yourself: %v", names)
	}
	readProblem(t, w.env.call(t, "DELETE", "/api/v1/blocks/"+alice.ID, bob.Token, nil), http.StatusNotFound)
	if resp := w.env.call(t, "DELETE", "/api/v1/blocks/"+bob.ID, alice.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("unblock = %d", resp.StatusCode)
	}
	readProblem(t, w.env.call(t, "DELETE", "/api/v1/blocks/"+bob.ID, alice.Token, nil), http.StatusNotFound)
	readProblem(t, w.env.call(t, "GET", "/api/v1/blocks", "", nil), http.StatusUnauthorized)
}

type pauseView struct {
	Paused bool       `json:"paused"`
	Since  *time.Time `json:"since"`
	Until  *time.Time `json:"until"`
}

func TestPause(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	reader := w.resident(t, postcodeCentrum)
	w.post(t, alice, postBody("offer", "Ik kook graag", nil))
	if p := decode[pauseView](t, w.env.call(t, "GET", "/api/v1/me/pause", alice.Token, nil), http.StatusOK); p.Paused || p.Since != nil {
		t.Errorf("initial pause = %+v", p)
	}
	now := w.env.clock.Now()
	until := now.Add(7 * 24 * time.Hour)
	p := decode[pauseView](t, w.env.call(t, "PUT", "/api/v1/me/pause", alice.Token, map[string]any{"until": until.Format(time.RFC3339)}), http.StatusOK)
	if !p.Paused || p.Since == nil || !p.Since.Equal(now) || p.Until == nil || !p.Until.Equal(until) {
		t.Errorf("pause = %+v", p)
	}
	if got := titles(w.feed(t, reader, "")); len(got) != 0 {
		t.Errorf("feed while paused = %v", got)
	}
	w.tick()
	p = decode[pauseView](t, w.env.call(t, "PUT", "/api/v1/me/pause", alice.Token, map[string]any{"until": nil}), http.StatusOK)
	if !p.Paused || !p.Since.Equal(now) || p.Until != nil {
		t.Errorf("open-ended pause keeps its start: %+v", p)
	}
	for _, bad := range []any{now.Add(-time.Hour).Format(time.RFC3339), "volgende week", now.AddDate(2, 0, 0).Format(time.RFC3339)} {
		if names := invalidNames(t, w.env.call(t, "PUT", "/api/v1/me/pause", alice.Token, map[string]any{"until": bad})); !names["until"] {
			t.Errorf("until %v: %v", bad, names)
		}
	}
	if resp := w.env.call(t, "DELETE", "/api/v1/me/pause", alice.Token, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE pause = %d", resp.StatusCode)
	}
	if p := decode[pauseView](t, w.env.call(t, "GET", "/api/v1/me/pause", alice.Token, nil), http.StatusOK); p.Paused {
		t.Errorf("after DELETE: %+v", p)
	}
	if got := titles(w.feed(t, reader, "")); !sameList(got, []string{"Ik kook graag"}) {
		t.Errorf("feed after pause = %v", got)
	}
}
