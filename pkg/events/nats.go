package events

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/zeromicro/go-queue/natsq"
	"github.com/zeromicro/go-zero/core/logx"
)

// NatsConf is a NATS server (core NATS, no JetStream).
type NatsConf struct {
	URL string // nats://host:port, comma-separated for a cluster
}

// connOptions keep a client working while NATS is away: the connection is
// made in the background (a process starts without NATS), re-made forever,
// and what is published meanwhile waits in the client's reconnect buffer.
func connOptions(name string) []nats.Option {
	return []nats.Option{
		nats.Name(name),
		nats.RetryOnFailedConnect(true),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logx.Errorf("nats %s: disconnected: %v", name, err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { logx.Infof("nats %s: connected to %s", name, c.ConnectedUrl()) }),
	}
}

// NatsPublisher publishes through go-queue's natsq producer.
type NatsPublisher struct {
	producer *natsq.DefaultProducer
}

// NewNatsPublisher connects (in the background) to c.URL as name.
func NewNatsPublisher(c NatsConf, name string) (*NatsPublisher, error) {
	p, err := natsq.NewDefaultProducer(&natsq.NatsConfig{ServerUri: c.URL, ClientName: name, Options: connOptions(name)})
	if err != nil {
		return nil, err
	}
	return &NatsPublisher{producer: p}, nil
}

// MustNewNatsPublisher is NewNatsPublisher that panics, for a process's start.
func MustNewNatsPublisher(c NatsConf, name string) *NatsPublisher {
	p, err := NewNatsPublisher(c, name)
	logx.Must(err)
	return p
}

// Publish hands payload to the client, which writes it in the background: it
// never waits for the server (core NATS has no acknowledgement to wait for).
func (p *NatsPublisher) Publish(ctx context.Context, subject string, payload []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return p.producer.Publish(subject, payload)
}

// Close flushes nothing and closes the connection.
func (p *NatsPublisher) Close() { p.producer.Close() }

// Handler handles one message; an error is logged (core NATS does not
// redeliver: the sweeper of whatever the message asked for does).
type Handler func(ctx context.Context, subject string, data []byte) error

// Consumer is a service (Start/Stop, for a go-zero ServiceGroup) that
// subscribes a queue group to subjects through go-queue's natsq consumer and
// runs at most concurrency handlers at once. Every member of a group shares the
// group's messages; another group (another consumer) gets them all too.
type Consumer struct {
	manager interface {
		Start()
		Stop()
	}
	slots   chan struct{}
	handle  Handler
	ctx     context.Context // cancelled by Stop: handlers under way give up
	cancel  context.CancelFunc
	running sync.WaitGroup
	done    chan struct{}
	stopped sync.Once
}

// NewConsumer subscribes group to subjects on c as name.
func NewConsumer(c NatsConf, name, group string, subjects []string, concurrency int, handle Handler) *Consumer {
	ctx, cancel := context.WithCancel(context.Background())
	cs := &Consumer{slots: make(chan struct{}, max(concurrency, 1)), handle: handle, ctx: ctx, cancel: cancel,
		done: make(chan struct{})}
	cs.manager = natsq.MustNewConsumerManager(&natsq.NatsConfig{ServerUri: c.URL, ClientName: name, Options: connOptions(name)},
		[]*natsq.ConsumerQueue{{QueueName: group, Subjects: subjects, Consumer: cs}}, natsq.NatDefaultMode)
	return cs
}

// HandleMessage is natsq's callback, on the subscription's own goroutine: it
// waits for a free slot (messages queue in the client meanwhile) and runs the
// handler on a goroutine of its own.
func (cs *Consumer) HandleMessage(m *natsq.Msg) error {
	select {
	case cs.slots <- struct{}{}:
	case <-cs.ctx.Done():
		return errors.New("consumer stopped")
	}
	cs.running.Add(1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				logx.Errorf("event %s: panic: %v", m.Subject, p)
			}
			<-cs.slots
			cs.running.Done()
		}()
		if err := cs.handle(cs.ctx, m.Subject, m.Data); err != nil {
			logx.Errorf("event %s: %v", m.Subject, err)
		}
	}()
	return nil
}

// Start subscribes and returns after Stop. (natsq's own Start never returns.)
func (cs *Consumer) Start() {
	go cs.manager.Start()
	<-cs.done
}

// Stop closes the connection, cancels the handlers under way and waits for them.
func (cs *Consumer) Stop() {
	cs.stopped.Do(func() {
		cs.manager.Stop()
		cs.cancel()
		cs.running.Wait()
		close(cs.done)
	})
}
