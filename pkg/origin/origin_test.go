package origin

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

func request(remote, host string, headers map[string]string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/douyin/feed/", nil)
	r.RemoteAddr, r.Host = remote, host
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	return r
}

var forwarded = map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "douyin.example.com"}

func TestBaseURLIsTheRequestsOwnHost(t *testing.T) {
	res, err := NewResolver("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.BaseURL(request("192.168.1.30:50000", "192.168.1.20:8080", nil)); got != "http://192.168.1.20:8080" {
		t.Fatalf("a phone on the LAN: %s", got)
	}
	if got := res.BaseURL(request("127.0.0.1:50000", "localhost:8080", nil)); got != "http://localhost:8080" {
		t.Fatalf("localhost: %s", got)
	}
	direct := request("10.0.0.7:50000", "gw.local:8443", nil)
	direct.TLS = &tls.ConnectionState{}
	if got := res.BaseURL(direct); got != "https://gw.local:8443" {
		t.Fatalf("TLS: %s", got)
	}
}

func TestForwardedHeadersCountOnlyFromTrustedProxies(t *testing.T) {
	res, err := NewResolver("", []string{"10.0.0.0/8", "192.168.1.5"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remote, want string
		headers            map[string]string
	}{
		{"a trusted proxy (CIDR)", "10.1.2.3:40000", "https://douyin.example.com", forwarded},
		{"a trusted proxy (address)", "192.168.1.5:40000", "https://douyin.example.com", forwarded},
		{"a trusted proxy over IPv4-mapped IPv6", "[::ffff:10.1.2.3]:40000", "https://douyin.example.com", forwarded},
		{"a chain of proxies: the first one's values", "10.1.2.3:40000", "https://first.example.com",
			map[string]string{"X-Forwarded-Proto": "https, http", "X-Forwarded-Host": "first.example.com, second"}},
		{"an untrusted client spoofing the headers", "192.168.1.30:40000", "http://gw:8080", forwarded},
		{"a trusted proxy naming a host that ends the authority", "10.1.2.3:40000", "http://gw:8080",
			map[string]string{"X-Forwarded-Host": "evil.example.com/x?"}},
		{"a trusted proxy naming an unknown scheme", "10.1.2.3:40000", "http://gw:8080",
			map[string]string{"X-Forwarded-Proto": "javascript"}},
	}
	for _, c := range cases {
		if got := res.BaseURL(request(c.remote, "gw:8080", c.headers)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// Without configured proxies nobody is trusted, loopback included.
	none, _ := NewResolver("", nil)
	if got := none.BaseURL(request("127.0.0.1:40000", "gw:8080", forwarded)); got != "http://gw:8080" {
		t.Errorf("no trusted proxies: %s", got)
	}
}

func TestAConfiguredPublicBaseURLWins(t *testing.T) {
	res, _ := NewResolver("https://cdn.example.com/", []string{"10.0.0.0/8"})
	if got := res.BaseURL(request("10.1.2.3:1", "gw:8080", forwarded)); got != "https://cdn.example.com" {
		t.Fatalf("got %s", got)
	}
}

func TestNewResolverRefusesMalformedProxies(t *testing.T) {
	if _, err := NewResolver("", []string{"10.0.0.0/33"}); err == nil {
		t.Fatal("a malformed CIDR was accepted")
	}
	if _, err := NewResolver("", []string{"proxy.local"}); err == nil {
		t.Fatal("a host name was accepted as a proxy")
	}
}

func TestContextCarriesTheBaseURL(t *testing.T) {
	if got := FromContext(NewContext(context.Background(), "http://x:1")); got != "http://x:1" {
		t.Fatal(got)
	}
	if FromContext(context.Background()) != "" {
		t.Fatal("an empty context has a base URL")
	}
}

// The client address counts X-Forwarded-For only as far as trusted proxies
// vouch for it: what a client writes itself never moves it.
func TestClientIPTrustsOnlyTrustedProxies(t *testing.T) {
	res, err := NewResolver("", []string{"10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remote, xff, want string
	}{
		{"a direct client", "192.168.1.30:40000", "", "192.168.1.30"},
		{"a direct client spoofing the header", "192.168.1.30:40000", "1.2.3.4", "192.168.1.30"},
		{"through a trusted proxy", "10.0.0.2:40000", "203.0.113.9", "203.0.113.9"},
		{"a spoofed address left of the one the proxy saw", "10.0.0.2:40000", "1.2.3.4, 203.0.113.9", "203.0.113.9"},
		{"two trusted proxies", "10.0.0.2:40000", "203.0.113.9, 10.0.0.3", "203.0.113.9"},
		{"a trusted proxy without the header", "10.0.0.2:40000", "", "10.0.0.2"},
		{"garbage in the header", "10.0.0.2:40000", "not-an-ip", "10.0.0.2"},
		{"IPv4-mapped IPv6", "[::ffff:192.168.1.30]:40000", "", "192.168.1.30"},
	}
	for _, c := range cases {
		r := request(c.remote, "gw:8080", nil)
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := res.ClientIP(r); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if got := ClientFromContext(NewClientContext(context.Background(), "192.0.2.1")); got != "192.0.2.1" {
		t.Fatalf("context: %q", got)
	}
}
