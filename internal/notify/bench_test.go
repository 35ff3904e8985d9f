package notify

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// nopClient answers 201 without a network: what is left of a send is the
// encryption (ECDH, HKDF, AES-GCM) and the VAPID signature.
type nopClient struct{}

func (nopClient) Do(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 201, Body: io.NopCloser(strings.NewReader(""))}, nil
}

// BenchmarkEncryptOnly is the baseline: the cost of preparing one push.
func BenchmarkEncryptOnly(b *testing.B) {
	public, private, _ := GenerateVAPID()
	b.ReportAllocs()
	sub := &webpush.Subscription{Endpoint: "https://127.0.0.1/push/1",
		Keys: webpush.Keys{P256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", Auth: "tBHItJI5svbpez7KI4CCXg"}}
	body := []byte(`{"type":"message_new","id":"0b0e","title":"Noaber","body":"Je hebt een nieuw bericht.","url":"/gesprekken/1"}`)
	opts := &webpush.Options{HTTPClient: nopClient{}, Subscriber: "beheer@noaber.example.nl", VAPIDPublicKey: public,
		VAPIDPrivateKey: private, TTL: 3600}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := webpush.SendNotificationWithContext(context.Background(), body, sub, opts)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pushes/s")
}

// BenchmarkDeliver10k delivers 10,000 notifications (100 people with 100
// each) to the local push service, which checks and decrypts every one.
// Run with -benchtime=1x; compare pushes/s with BenchmarkEncryptOnly.
func BenchmarkDeliver10k(b *testing.B) {
	e := newPushEnv(b, 10*time.Second)
	e.d = NewDispatcher(e.db, e.vapid, DispatcherConfig{Workers: 32, Timeout: 10 * time.Second,
		Poll: 5 * time.Millisecond, Transport: e.push.Client().Transport}, quietLog, e.now)
	for range 100 {
		user, _ := e.subscribed(b)
		if _, err := e.db.Exec(`
			WITH n AS (
				INSERT INTO notifications (user_id, type, subject_id, created_at, pushed)
				SELECT $1, 'message_new', 'c' || g, $2, true FROM generate_series(1, 100) g RETURNING id)
			INSERT INTO push_outbox (notification_id, subscription_id, next_attempt_at, expires_at)
			SELECT n.id, s.id, $2, $2::timestamptz + interval '1 day' FROM n, push_subscriptions s WHERE s.user_id = $1`,
			user, e.now()); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	// The production loop: claims stream to the workers while they send.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.d.Run(ctx); close(done) }()
	for {
		var sent int
		if err := e.db.Get(&sent, `SELECT count(*) FROM push_outbox WHERE sent_at IS NOT NULL`); err != nil {
			b.Fatal(err)
		}
		if sent == 10000 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	b.StopTimer()
	sent := 0
	if err := e.db.Get(&sent, `SELECT count(*) FROM push_outbox WHERE sent_at IS NOT NULL`); err != nil || sent != 10000 {
		b.Fatalf("%d of 10000 delivered (%v)", sent, err)
	}
	b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "pushes/s")
}
