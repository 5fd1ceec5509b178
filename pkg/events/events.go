// Package events carries domain events between processes: one small Publisher
// interface, its NATS implementation (go-queue's natsq, core NATS), the
// consumer service that feeds a handler, and the subjects with their payloads.
// go-zero's usual transport is kq (Kafka); a kq publisher is a drop-in for
// Publisher, and subscribers are named groups either way.
package events

import (
	"context"
	"encoding/json"
)

// Publisher sends payload on subject. Core NATS is at-most-once: a publisher
// does not wait for subscribers, so whatever must happen is also recorded
// where a sweeper finds it (the video row's processing state).
type Publisher interface {
	Publish(ctx context.Context, subject string, payload []byte) error
}

// SubjectVideoPublished is sent after a video's row is committed (and again by
// the worker's sweeper while its processing is pending).
const SubjectVideoPublished = "video.published"

// VideoPublished is the payload of SubjectVideoPublished: the video, its
// storage keys and what the gateway's probe found (0 and "" when re-sent by the
// sweeper, which has only the row).
type VideoPublished struct {
	VideoID    int64  `json:"video_id"`
	AuthorID   int64  `json:"author_id"`
	PlayKey    string `json:"play_key"`
	CoverKey   string `json:"cover_key"`
	CreatedAt  int64  `json:"created_at"` // epoch ms
	Width      int    `json:"width,omitempty"`
	Height     int    `json:"height,omitempty"`
	DurationMs int64  `json:"duration_ms,omitempty"`
	VideoCodec string `json:"video_codec,omitempty"`
	AudioCodec string `json:"audio_codec,omitempty"`
	Resent     bool   `json:"resent,omitempty"` // by the sweeper
}

// PublishJSON marshals v and publishes it on subject.
func PublishJSON(ctx context.Context, p Publisher, subject string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return p.Publish(ctx, subject, b)
}
