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

	"douyin/pkg/param"
	"douyin/pkg/response"
	"douyin/pkg/token"
	"douyin/pkg/xerr"
)

// UploadMiddleware streams the multipart body of publish to a temporary file, so a
// 200 MB video never sits in memory, and caps it, chunked bodies included
// (go-zero's maxBytes only reads Content-Length). The uploader is authenticated
// before a byte of the video is written: by the token of the query, else a
// "token" part that comes before "data", else a Bearer header; a "data" part
// with no token before it is refused at once. The scalar fields (token, title)
// go on as the request's form, where the Auth middleware and the handler's
// param.Form read them, and the file's path in the context. The file is removed
// when the request ends unless the logic moved it into storage.
type UploadMiddleware struct {
	maxBytes int64
	tempDir  string
	verifier *token.Verifier
}

// The part of a publish request that holds the video; the other parts are
// fields, held in memory: together at most param.MaxFormBytes, and few.
const (
	uploadFilePart  = "data"
	tokenField      = "token"
	maxParts        = 32
	maxFormOverhead = 1 << 20
)

func NewUploadMiddleware(maxBytes int64, tempDir string, verifier *token.Verifier) *UploadMiddleware {
	return &UploadMiddleware{maxBytes: maxBytes, tempDir: tempDir, verifier: verifier}
}

type uploadKey struct{}

// UploadedFile is the path of the uploaded video of this request, "" if none.
func UploadedFile(ctx context.Context) string {
	path, _ := ctx.Value(uploadKey{}).(string)
	return path
}

var (
	errTooLarge       = errors.New("upload too large")
	errFieldsTooLarge = errors.New("upload fields too large")
	errBadToken       = errors.New("invalid token")
	errNoTokenFirst   = errors.New("no token before the video")
)

func (m *UploadMiddleware) Handle(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, m.maxBytes+maxFormOverhead)
		reader, err := r.MultipartReader()
		if err != nil {
			response.Status(w, xerr.InvalidParam, "publish needs a multipart/form-data body with the video in the \"data\" part")
			return
		}
		form, path, err := m.receive(r, reader)
		if path != "" {
			defer os.Remove(path) // a no-op once the logic has stored it
		}
		var maxErr *http.MaxBytesError
		switch {
		case errors.Is(err, errBadToken):
			response.Status(w, xerr.Unauthorized, xerr.Message(xerr.Unauthorized))
			return
		case errors.Is(err, errNoTokenFirst):
			response.Status(w, xerr.Unauthorized,
				"Please log in first: send the token in the query, an Authorization header, or a \"token\" part before \"data\"")
			return
		case errors.Is(err, errFieldsTooLarge):
			response.Status(w, xerr.RequestTooLarge, fmt.Sprintf("The form fields are too large or too many (at most %d KiB in %d parts)",
				param.MaxFormBytes>>10, maxParts))
			return
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

// receive reads every part: the video to a temporary file once the uploader is
// authenticated, the rest as fields.
func (m *UploadMiddleware) receive(r *http.Request, reader *multipart.Reader) (url.Values, string, error) {
	form := url.Values{}
	var path string
	authenticated := false
	if t := r.URL.Query().Get(tokenField); t != "" {
		if _, err := m.verifier.Verify(t); err != nil {
			return form, path, errBadToken
		}
		authenticated = true
	}
	fieldBudget := int64(param.MaxFormBytes)
	for parts := 1; ; parts++ {
		part, err := reader.NextPart()
		if err == io.EOF {
			return form, path, nil
		}
		if err != nil {
			return form, path, err
		}
		if parts > maxParts {
			return form, path, errFieldsTooLarge
		}
		name := part.FormName()
		switch {
		case name == uploadFilePart && path == "":
			if !authenticated {
				if err = m.verifyBearer(r); err != nil {
					return form, path, err
				}
				authenticated = true
			}
			path, err = m.saveFile(part)
		case name != "" && part.FileName() == "":
			var value []byte
			value, err = io.ReadAll(io.LimitReader(part, fieldBudget+1))
			if fieldBudget -= int64(len(value)); fieldBudget < 0 {
				err = errFieldsTooLarge
			}
			if err == nil && name == tokenField && len(value) > 0 && !authenticated {
				if _, verr := m.verifier.Verify(string(value)); verr != nil {
					return form, path, errBadToken
				}
				authenticated = true
			}
			form.Add(name, string(value))
		}
		_ = part.Close()
		if err != nil {
			return form, path, err
		}
	}
}

// verifyBearer is the last chance of a video that no token preceded.
func (m *UploadMiddleware) verifyBearer(r *http.Request) error {
	bearer := token.Bearer(r)
	if bearer == "" {
		return errNoTokenFirst
	}
	if _, err := m.verifier.Verify(bearer); err != nil {
		return errBadToken
	}
	return nil
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
