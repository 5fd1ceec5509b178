package testenv

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"
)

var httpClient = &http.Client{Timeout: 60 * time.Second}

// Reply is a decoded JSON answer of the gateway.
type Reply map[string]any

// Code is the answer's status_code.
func (r Reply) Code() int64 { return r.Int("status_code") }

// Int reads a numeric field.
func (r Reply) Int(key string) int64 {
	n, _ := r[key].(json.Number).Int64()
	return n
}

// Str reads a string field.
func (r Reply) Str(key string) string { s, _ := r[key].(string); return s }

// Obj reads an object field.
func (r Reply) Obj(key string) Reply { m, _ := r[key].(map[string]any); return m }

// List reads a list field (nil when it is missing or not a list).
func (r Reply) List(key string) []Reply {
	raw, ok := r[key].([]any)
	if !ok {
		return nil
	}
	out := make([]Reply, len(raw))
	for i, v := range raw {
		out[i], _ = v.(map[string]any)
	}
	return out
}

// Get calls a read endpoint as the app does: parameters in the query string.
func (st *Stack) Get(tb testing.TB, path string, params url.Values) Reply {
	tb.Helper()
	return st.do(tb, http.MethodGet, path, params)
}

// Post calls an action as the app does: a POST whose parameters travel in the
// query string and whose body is empty.
func (st *Stack) Post(tb testing.TB, path string, params url.Values) Reply {
	tb.Helper()
	return st.do(tb, http.MethodPost, path, params)
}

func (st *Stack) do(tb testing.TB, method, path string, params url.Values) Reply {
	tb.Helper()
	req, err := http.NewRequest(method, st.URL(path)+"?"+params.Encode(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	return DecodeReply(tb, resp)
}

// DecodeReply checks the contract's envelope (HTTP 200, JSON) and decodes it.
func DecodeReply(tb testing.TB, resp *http.Response) Reply {
	tb.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("%s %s: HTTP %d, want 200: %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		tb.Fatalf("%s: Content-Type %q: %s", resp.Request.URL.Path, ct, body)
	}
	dec := json.NewDecoder(bytesReader(body))
	dec.UseNumber()
	var r Reply
	if err := dec.Decode(&r); err != nil {
		tb.Fatalf("%s: not JSON: %v: %s", resp.Request.URL.Path, err, body)
	}
	if _, ok := r["status_code"]; !ok {
		tb.Fatalf("%s: no status_code: %s", resp.Request.URL.Path, body)
	}
	if r.Code() != 0 && r.Str("status_msg") == "" {
		tb.Fatalf("%s: failure without status_msg: %s", resp.Request.URL.Path, body)
	}
	return r
}
