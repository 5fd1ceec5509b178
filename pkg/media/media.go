// Package media runs ffprobe and ffmpeg on uploaded videos: it checks them,
// extracts covers and makes playback renditions. Every run reads local files
// only, in the MP4/MOV container family only, and at most a configured number
// of runs of one Tools are under way at once.
package media

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrNotAVideo says the file is not a playable video.
var ErrNotAVideo = errors.New("not a playable video")

// Formats is the container family accepted: what ffmpeg's mov demuxer reads
// (MP4, MOV, 3GP, M4V), the files that the app's player and phones' cameras
// share. ffprobe names the demuxer by this whole list.
const Formats = "mov,mp4,m4a,3gp,3g2,mj2"

// inputArgs come before every -i: only the file protocol (no http, no nested
// playlists reaching elsewhere) and only the mov demuxer, so an HLS playlist,
// a concat list or an image renamed .mp4 is refused before it is opened as one.
var inputArgs = []string{"-protocol_whitelist", "file", "-format_whitelist", Formats}

// Tools runs the ffprobe and ffmpeg commands, at most a fixed number at once.
type Tools struct {
	Ffprobe, Ffmpeg string
	runs            chan struct{} // one token per run under way; nil: unbounded
}

// NewTools runs the commands at these paths, at most maxRuns at once (0: no bound).
func NewTools(ffprobe, ffmpeg string, maxRuns int) Tools {
	t := Tools{Ffprobe: ffprobe, Ffmpeg: ffmpeg}
	if maxRuns > 0 {
		t.runs = make(chan struct{}, maxRuns)
	}
	return t
}

// Info is what Probe learns of a video.
type Info struct {
	Format        string // ffprobe's format_name
	Duration      time.Duration
	Width, Height int
	VideoCodec    string // e.g. h264, hevc
	PixelFormat   string // e.g. yuv420p
	AudioCodec    string // "" without an audio stream
	BitRate       int64  // bits per second of the whole file, 0 if unknown
}

// LongSide is the larger of the frame's sides.
func (i Info) LongSide() int { return max(i.Width, i.Height) }

const toolTimeout = time.Minute

// run runs one command once a run token is free, within timeout.
func (t Tools) run(ctx context.Context, timeout time.Duration, name string, args ...string) ([]byte, error) {
	if t.runs != nil {
		select {
		case t.runs <- struct{}{}:
			defer func() { <-t.runs }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		// An exit of its own (not our kill) is ffmpeg's verdict on the file.
		if errors.As(err, &exit) && ctx.Err() == nil && exit.Exited() {
			return out, fmt.Errorf("%w: %s", ErrNotAVideo, lastLine(stderr.Bytes()))
		}
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// Probe checks that path holds a playable video: an MP4/MOV container that
// ffprobe reads, with a video stream of a real size and a positive duration.
func (t Tools) Probe(ctx context.Context, path string) (Info, error) {
	args := append(append([]string{"-v", "error"}, inputArgs...),
		"-show_entries", "stream=codec_type,codec_name,width,height,pix_fmt:format=format_name,duration,bit_rate",
		"-of", "json", "-i", path)
	out, err := t.run(ctx, toolTimeout, t.Ffprobe, args...)
	if err != nil {
		return Info{}, err
	}
	var probe struct {
		Streams []struct {
			CodecType   string `json:"codec_type"`
			CodecName   string `json:"codec_name"`
			Width       int    `json:"width"`
			Height      int    `json:"height"`
			PixelFormat string `json:"pix_fmt"`
		} `json:"streams"`
		Format struct {
			Name     string `json:"format_name"`
			Duration string `json:"duration"`
			BitRate  string `json:"bit_rate"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &probe); err != nil {
		return Info{}, ErrNotAVideo
	}
	// The whitelist already keeps other demuxers out; the name is checked too.
	if probe.Format.Name != Formats {
		return Info{}, fmt.Errorf("%w: container %q", ErrNotAVideo, probe.Format.Name)
	}
	info := Info{Format: probe.Format.Name}
	seconds, _ := strconv.ParseFloat(probe.Format.Duration, 64)
	info.Duration = time.Duration(seconds * float64(time.Second))
	info.BitRate, _ = strconv.ParseInt(probe.Format.BitRate, 10, 64)
	for _, s := range probe.Streams {
		switch {
		case s.CodecType == "video" && info.VideoCodec == "":
			info.VideoCodec, info.Width, info.Height, info.PixelFormat = s.CodecName, s.Width, s.Height, s.PixelFormat
		case s.CodecType == "audio" && info.AudioCodec == "":
			info.AudioCodec = s.CodecName
		}
	}
	if info.VideoCodec == "" || info.Width <= 0 || info.Height <= 0 || seconds <= 0 {
		return Info{}, ErrNotAVideo
	}
	return info, nil
}

// Cover writes a JPEG of the video's first frame, at most 720 pixels wide. The
// same run reads every packet of the video stream (copied to nowhere, not
// decoded), so a file cut short is refused even when its index sits at the front
// (MP4 "faststart") and ffprobe alone would find it whole.
func (t Tools) Cover(ctx context.Context, video, cover string) error {
	args := append(append([]string{"-v", "error", "-nostdin", "-xerror", "-y"}, inputArgs...), "-i", video,
		"-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(720,iw)':-2", "-q:v", "4", "-f", "image2", cover,
		"-map", "0:v:0", "-c", "copy", "-f", "null", "-")
	_, err := t.run(ctx, toolTimeout, t.Ffmpeg, args...)
	return err
}
