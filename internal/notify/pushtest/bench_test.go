package pushtest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// capturingClient keeps the request webpush-go built instead of sending it.
type capturingClient struct {
	header http.Header
	body   []byte
}

func (c *capturingClient) Do(req *http.Request) (*http.Response, error) {
	c.header, c.body = req.Header.Clone(), readBody(req)
	return &http.Response{StatusCode: http.StatusCreated, Body: http.NoBody}, nil
}

// BenchmarkServeHTTP measures the Server's own cost per message: header and
// claim checks, a cached JWT, ECDH and decryption; no TLS, no sender.
func BenchmarkServeHTTP(b *testing.B) {
	s := NewServer(b)
	keys := newVAPIDKeys(b)
	sub := s.NewSubscription(b)
	captured := &capturingClient{}
	send(b, sub, []byte(`{"title":"Nieuw signaal"}`), options(captured, keys))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%10_000 == 0 {
			s.Reset()
		}
		req := httptest.NewRequest(http.MethodPost, sub.Endpoint, bytes.NewReader(captured.body))
		req.Header = captured.header.Clone()
		rec := httptest.NewRecorder()
		s.serveHTTP(rec, req)
		if rec.Code != http.StatusCreated {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// TestReceivesTenThousandMessages sends 10,000 messages with webpush-go from
// 16 workers over TLS, the load a sender benchmark puts on the Server.
func TestReceivesTenThousandMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 real sends; run without -short")
	}
	t.Parallel()
	s := NewServer(t)
	keys := newVAPIDKeys(t)
	s.VAPIDPublicKey(keys.public)
	subs := []Subscription{s.NewSubscription(t), s.NewSubscription(t)}
	ws := []*webpush.Subscription{toWebpush(subs[0]), toWebpush(subs[1])}
	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range jobs {
				resp, err := webpush.SendNotificationWithContext(context.Background(), []byte("hoi"), ws[i%2], options(s.Client(), keys))
				if err != nil {
					t.Errorf("send %d: %v", i, err)
					continue
				}
				_ = resp.Body.Close()
			}
		})
	}
	for i := range 10_000 {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	got := len(s.Wait(t, subs[0], 5_000, time.Second)) + len(s.Wait(t, subs[1], 5_000, time.Second))
	t.Logf("10,000 messages in %v", time.Since(start))
	if got != 10_000 {
		t.Errorf("%d messages, want 10,000", got)
	}
}
