package middleware

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"

	"douyin/pkg/response"
	"douyin/pkg/xerr"
)

// UploadMiddleware streams the multipart body of publish to a temporary file, so a
// 200 MB video never sits in memory, and caps it, chunked bodies included
// (go-zero's maxBytes only reads Content-Length). It hands the scalar fields
// (token, title) on as the request's form, where the Auth middleware and the
// handler's param.Form read them, and the file's path in the context. The file is removed
// when the request ends unless the logic moved it into storage.
type UploadMiddleware struct {
	maxBytes int64
	tempDir  string
}

// The part of a publish request that holds the video, and the largest scalar field.
const (
	uploadFilePart  = "data"
	maxFieldBytes   = 64 << 10
	maxFormOverhead = 1 << 20
)

func NewUploadMiddleware(maxBytes int64, tempDir string) *UploadMiddleware {
	return &UploadMiddleware{maxBytes: maxBytes, tempDir: tempDir}
}

type uploadKey struct{}

// UploadedFile is the path of the uploaded video of this request, "" if none.
func UploadedFile(ctx context.Context) string {
	path, _ := ctx.Value(uploadKey{}).(string)
	return path
}

var errTooLarge = errors.New("upload too large")

func (m *UploadMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, m.maxBytes+maxFormOverhead)
		reader, err := r.MultipartReader()
		if err != nil {
			response.Status(w, xerr.InvalidParam, "publish needs a multipart/form-data body with the video in the \"data\" part")
			return
		}
		form, path, err := m.receive(reader)
		if path != "" {
			defer os.Remove(path) // a no-op once the logic has stored it
		}
		var maxErr *http.MaxBytesError
		switch {
		case errors.Is(err, errTooLarge) || errors.As(err, &maxErr):
			response.Status(w, xerr.RequestTooLarge, fmt.Sprintf("The video is too large (at most %d MB)", m.maxBytes>>20))
			return
		case err != nil:
			response.Status(w, xerr.InvalidParam, "The upload was interrupted or malformed, please try again")
			return
		}
		// Query parameters count too, for the fields the body did not carry.
		for key, values := range r.URL.Query() {
			if _, ok := form[key]; !ok {
				form[key] = values
			}
		}
		r.Form, r.PostForm = form, form
		r.MultipartForm = &multipart.Form{Value: form}
		next(w, r.WithContext(context.WithValue(r.Context(), uploadKey{}, path)))
	}
}

// receive reads every part: the video to a temporary file, the rest as fields.
func (m *UploadMiddleware) receive(reader *multipart.Reader) (url.Values, string, error) {
	form := url.Values{}
	var path string
	for {
		part, err := reader.NextPart()
		if err == io.EOF {
			return form, path, nil
		}
		if err != nil {
			return form, path, err
		}
		name := part.FormName()
		switch {
		case name == uploadFilePart && path == "":
			path, err = m.saveFile(part)
		case name != "" && part.FileName() == "":
			var value []byte
			value, err = io.ReadAll(io.LimitReader(part, maxFieldBytes))
			form.Add(name, string(value))
		}
		_ = part.Close()
		if err != nil {
			return form, path, err
		}
	}
}

func (m *UploadMiddleware) saveFile(part io.Reader) (string, error) {
	f, err := os.CreateTemp(m.tempDir, "upload-*")
	if err != nil {
		return "", err
	}
	defer f.Close()
	n, err := io.Copy(f, io.LimitReader(part, m.maxBytes+1))
	if err == nil && n > m.maxBytes {
		err = errTooLarge
	}
	return f.Name(), err
}
