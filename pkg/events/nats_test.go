package events

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"douyin/pkg/testenv"
)

// deliver publishes payload until handled answers it (or a deadline passes):
// core NATS drops what is published before a subscription reaches the server.
func deliver(t *testing.T, p Publisher, subject string, payload []byte, handled <-chan string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if err := p.Publish(context.Background(), subject, payload); err != nil {
			t.Fatalf("publish: %v", err)
		}
		select {
		case got := <-handled:
			return got
		case <-deadline:
			t.Fatal("never delivered")
		case <-tick.C:
		}
	}
}

// Publisher and consumer start while NATS is down (publishing works, nothing
// panics), and work once it is up; each queue group gets every message once
// and runs at most its concurrency at once.
func TestPublishAndConsumeAcrossANatsOutage(t *testing.T) {
	srv, err := testenv.StartNats()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	srv.Stop()
	conf := NatsConf{URL: srv.URL()}

	pub, err := NewNatsPublisher(conf, "test-publisher")
	if err != nil {
		t.Fatalf("a publisher without NATS: %v", err)
	}
	defer pub.Close()
	if err := pub.Publish(context.Background(), "test.subject", []byte("while down")); err != nil {
		t.Fatalf("publish while NATS is down: %v", err)
	}

	const concurrency = 2
	var running, most atomic.Int32
	release := make(chan struct{})
	processing := make(chan string, 100)
	search := make(chan string, 100)
	newConsumer := func(group string, out chan string, block bool) *Consumer {
		return NewConsumer(conf, "test-"+group, group, []string{"test.subject"}, concurrency,
			func(ctx context.Context, subject string, data []byte) error {
				n := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				out <- string(data)
				if block {
					select {
					case <-release:
					case <-ctx.Done():
					}
				}
				return nil
			})
	}
	consumers := []*Consumer{newConsumer("processing", processing, true), newConsumer("processing", processing, true),
		newConsumer("search", search, false)}
	for _, c := range consumers {
		go c.Start()
		defer c.Stop()
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	// Both groups get it; the two members of "processing" share their group's.
	deliver(t, pub, "test.subject", []byte("ready"), search)
	deliver(t, pub, "test.subject", []byte("ready"), processing)
	for len(search) > 0 {
		<-search
	}
	close(release)
	for len(processing) > 0 {
		<-processing
	}
	for i := 0; i < 20; i++ {
		if err := pub.Publish(context.Background(), "test.subject", []byte(fmt.Sprint("m-", i))); err != nil {
			t.Fatal(err)
		}
	}
	// "ready" was published until delivered: copies of it may still arrive.
	receive := func(ch chan string, n int) map[string]int {
		seen := map[string]int{}
		timeout := time.After(20 * time.Second)
		for len(seen) < n {
			select {
			case m := <-ch:
				if strings.HasPrefix(m, "m-") {
					seen[m]++
				}
			case <-timeout:
				t.Fatalf("%d of %d messages arrived", len(seen), n)
			}
		}
		return seen
	}
	receive(search, 20)
	processed := receive(processing, 20)
	select {
	case m := <-processing:
		processed[m]++
	case <-time.After(200 * time.Millisecond):
	}
	for m, n := range processed {
		if n > 1 {
			t.Fatalf("%q reached both members of a group", m)
		}
	}
	if most.Load() > 3*concurrency {
		t.Fatalf("%d handlers at once, want at most %d per consumer", most.Load(), concurrency)
	}
}

// Stop returns although natsq's own Start never does, and cancels the
// handlers under way.
func TestConsumerStopEndsStartAndHandlers(t *testing.T) {
	srv, err := testenv.StartNats()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	conf := NatsConf{URL: srv.URL()}
	pub := MustNewNatsPublisher(conf, "test-publisher")
	defer pub.Close()
	started := make(chan string, 10)
	cancelled := make(chan struct{}, 10)
	c := NewConsumer(conf, "test", "g", []string{"s"}, 1, func(ctx context.Context, _ string, data []byte) error {
		started <- string(data)
		<-ctx.Done()
		cancelled <- struct{}{}
		return ctx.Err()
	})
	returned := make(chan struct{})
	go func() { c.Start(); close(returned) }()
	deliver(t, pub, "s", []byte("x"), started)
	c.Stop()
	<-returned
	<-cancelled
}

// BenchmarkPublishVideoPublished is what a publish adds to its RPC: marshal
// the event and hand it to the NATS client (no round trip).
func BenchmarkPublishVideoPublished(b *testing.B) {
	srv, err := testenv.StartNats()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	pub := MustNewNatsPublisher(NatsConf{URL: srv.URL()}, "bench")
	defer pub.Close()
	ev := VideoPublished{VideoID: 123456, AuthorID: 42, PlayKey: "videos/0123456789abcdefghijklmn.mp4",
		CoverKey: "covers/0123456789abcdefghijklmn.jpg", CreatedAt: 1767225600000, Width: 1920, Height: 1080,
		DurationMs: 15000, VideoCodec: "hevc", AudioCodec: "aac"}
	b.ReportAllocs()
	for b.Loop() {
		if err := PublishJSON(context.Background(), pub, SubjectVideoPublished, ev); err != nil {
			b.Fatal(err)
		}
	}
}
