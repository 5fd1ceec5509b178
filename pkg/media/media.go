// Package media checks uploaded videos and extracts their covers with the
// ffprobe and ffmpeg commands.
package media

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"time"
)

// ErrNotAVideo says the file is not a playable video.
var ErrNotAVideo = errors.New("not a playable video")

// Tools are the paths of the ffprobe and ffmpeg commands.
type Tools struct {
	Ffprobe, Ffmpeg string
}

// Info is what Probe learns of a video.
type Info struct {
	Duration      time.Duration
	Width, Height int
}

const toolTimeout = time.Minute

// Probe checks that path holds a playable video: a container ffprobe reads whole,
// with a video stream of a real size and a positive duration.
func (t Tools) Probe(ctx context.Context, path string) (Info, error) {
	ctx, cancel := context.WithTimeout(ctx, toolTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, t.Ffprobe, "-v", "error", "-select_streams", "v:0",
		"-show_entries", "stream=codec_type,width,height:format=duration", "-of", "json", path).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return Info{}, ErrNotAVideo
		}
		return Info{}, fmt.Errorf("ffprobe: %w", err)
	}
	var probe struct {
		Streams []struct {
			CodecType string `json:"codec_type"`
			Width     int    `json:"width"`
			Height    int    `json:"height"`
		} `json:"streams"`
		Format struct {
			Duration string `json:"duration"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &probe); err != nil {
		return Info{}, ErrNotAVideo
	}
	seconds, _ := strconv.ParseFloat(probe.Format.Duration, 64)
	if len(probe.Streams) == 0 || probe.Streams[0].CodecType != "video" || probe.Streams[0].Width <= 0 || seconds <= 0 {
		return Info{}, ErrNotAVideo
	}
	return Info{
		Duration: time.Duration(seconds * float64(time.Second)),
		Width:    probe.Streams[0].Width,
		Height:   probe.Streams[0].Height,
	}, nil
}

// Cover writes a JPEG of the video's first frame, at most 720 pixels wide. The
// same run reads every packet of the video stream (copied to nowhere, not
// decoded), so a file cut short is refused even when its index sits at the front
// (MP4 "faststart") and ffprobe alone would find it whole.
func (t Tools) Cover(ctx context.Context, video, cover string) error {
	ctx, cancel := context.WithTimeout(ctx, toolTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, t.Ffmpeg, "-v", "error", "-xerror", "-y", "-i", video,
		"-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(720,iw)':-2", "-q:v", "4", "-f", "image2", cover,
		"-map", "0:v:0", "-c", "copy", "-f", "null", "-").CombinedOutput()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && ctx.Err() == nil {
			return fmt.Errorf("%w: %s", ErrNotAVideo, out)
		}
		return fmt.Errorf("ffmpeg: %w", err)
	}
	return nil
}
