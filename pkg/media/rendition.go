package media

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// RenditionConf is the playback rendition made of every upload: H.264 (High,
// yuv420p) and AAC in an MP4 whose index comes first ("faststart"), so a player
// starts after the first bytes instead of after the whole file.
type RenditionConf struct {
	// MaxLongSide caps the frame's longer side (1280: 720p either way up).
	MaxLongSide int `json:",default=1280"`
	// VideoKbps is the target video bitrate; a stream already below
	// KeepKbps (total) is not re-encoded for its rate.
	VideoKbps int `json:",default=2000"`
	KeepKbps  int `json:",default=3000"`
	AudioKbps int `json:",default=128"`
	// Preset is libx264's speed/size trade-off.
	Preset string `json:",default=veryfast"`
	// Timeout bounds one transcode.
	Timeout time.Duration `json:",default=10m"`
}

// Plan is what a video needs to become its rendition.
type Plan struct {
	EncodeVideo bool // else the video stream is copied
	EncodeAudio bool // else the audio stream (if any) is copied
	Remux       bool // the streams are fine but the index is at the end
}

// Keep says the original already is its own rendition.
func (p Plan) Keep() bool { return !p.EncodeVideo && !p.EncodeAudio && !p.Remux }

// String names the plan for logs and metrics: keep, remux or transcode.
func (p Plan) String() string {
	switch {
	case p.EncodeVideo || p.EncodeAudio:
		return "transcode"
	case p.Remux:
		return "remux"
	}
	return "keep"
}

// PlanFor decides what info (and whether its index comes first) needs.
func (c RenditionConf) PlanFor(info Info, moovFirst bool) Plan {
	p := Plan{
		EncodeVideo: info.VideoCodec != "h264" || info.PixelFormat != "yuv420p" || info.LongSide() > c.MaxLongSide ||
			(info.BitRate > 0 && info.BitRate > int64(c.KeepKbps)*1000),
		EncodeAudio: info.AudioCodec != "" && info.AudioCodec != "aac",
	}
	p.Remux = !p.EncodeVideo && !p.EncodeAudio && !moovFirst
	return p
}

// Rendition writes the rendition of src to dst (an .mp4) as plan says.
func (t Tools) Rendition(ctx context.Context, c RenditionConf, plan Plan, src, dst string) error {
	args := append(append([]string{"-v", "error", "-nostdin", "-xerror", "-y"}, inputArgs...), "-i", src,
		"-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1", "-sn", "-dn")
	if plan.EncodeVideo {
		side := strconv.Itoa(c.MaxLongSide)
		// The longer side (after the rotation phones record) is capped, the
		// other follows the aspect ratio, rounded to even.
		scale := "scale='if(gte(iw,ih),min(" + side + ",iw),-2)':'if(gte(iw,ih),-2,min(" + side + ",ih))'"
		kbps := strconv.Itoa(c.VideoKbps)
		args = append(args, "-vf", scale, "-c:v", "libx264", "-preset", c.Preset, "-profile:v", "high",
			"-pix_fmt", "yuv420p", "-b:v", kbps+"k", "-maxrate", strconv.Itoa(c.VideoKbps*3/2)+"k",
			"-bufsize", strconv.Itoa(c.VideoKbps*2)+"k")
	} else {
		args = append(args, "-c:v", "copy")
	}
	if plan.EncodeAudio || plan.EncodeVideo {
		// Re-encoding the video re-times the file: AAC keeps the audio in step.
		args = append(args, "-c:a", "aac", "-b:a", strconv.Itoa(c.AudioKbps)+"k", "-ac", "2")
	} else {
		args = append(args, "-c:a", "copy")
	}
	args = append(args, "-movflags", "+faststart", "-f", "mp4", dst)
	_, err := t.run(ctx, c.Timeout, t.Ffmpeg, args...)
	return err
}

// Poster writes a JPEG cover at most 720 pixels wide, taken about a second in
// (a third of a shorter clip): the most representative frame of the next
// second (ffmpeg's thumbnail filter), so a fade from black or the blur of a
// camera starting is not what the feed shows.
func (t Tools) Poster(ctx context.Context, info Info, src, dst string) error {
	at := min(time.Second, info.Duration/3)
	args := append(append([]string{"-v", "error", "-nostdin", "-y", "-ss", fmt.Sprintf("%.3f", at.Seconds())},
		inputArgs...), "-i", src,
		"-map", "0:v:0", "-vf", "thumbnail=30,scale='min(720,iw)':-2", "-frames:v", "1", "-q:v", "3",
		"-f", "image2", dst)
	if _, err := t.run(ctx, toolTimeout, t.Ffmpeg, args...); err != nil {
		return err
	}
	if st, err := os.Stat(dst); err != nil || st.Size() == 0 {
		return fmt.Errorf("%w: no frame after %v", ErrNotAVideo, at)
	}
	return nil
}

// MoovFirst reports whether the MP4 index (moov) of path comes before its media
// data (mdat): then a player can start from the first bytes.
func MoovFirst(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	var head [16]byte
	var offset int64
	for {
		if _, err := f.ReadAt(head[:8], offset); err != nil {
			if errors.Is(err, io.EOF) {
				return false, nil
			}
			return false, err
		}
		size := int64(binary.BigEndian.Uint32(head[:4]))
		switch string(head[4:8]) {
		case "moov":
			return true, nil
		case "mdat":
			return false, nil
		}
		switch size {
		case 0: // the box runs to the end of the file
			return false, nil
		case 1: // a 64-bit size follows the type
			if _, err := f.ReadAt(head[8:16], offset+8); err != nil {
				return false, err
			}
			size = int64(binary.BigEndian.Uint64(head[8:16]))
		}
		if size < 8 {
			return false, fmt.Errorf("%w: a box of %d bytes", ErrNotAVideo, size)
		}
		offset += size
	}
}
