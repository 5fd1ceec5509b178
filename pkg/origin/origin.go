// Package origin tells the scheme and host a client reached the gateway by, so
// that the absolute URLs it is handed (play_url, cover_url, avatars) work from
// where the client is: a phone on the LAN gets the LAN address, a browser on the
// box gets localhost. X-Forwarded-Proto and X-Forwarded-Host count only on
// connections from a configured trusted proxy: anyone else could name any host.
package origin

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Resolver answers the base URL (scheme://host, no trailing slash) of a request.
type Resolver struct {
	fixed   string // a configured public base URL wins over the request
	trusted []netip.Prefix
}

// NewResolver answers publicBaseURL for every request when it is set, otherwise
// each request's own scheme and host. trustedProxies are CIDRs (or single
// addresses) whose forwarded headers are believed; none by default.
func NewResolver(publicBaseURL string, trustedProxies []string) (*Resolver, error) {
	r := &Resolver{fixed: strings.TrimRight(publicBaseURL, "/")}
	for _, p := range trustedProxies {
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, addrErr := netip.ParseAddr(p)
			if addrErr != nil {
				return nil, fmt.Errorf("trusted proxy %q is neither a CIDR nor an address", p)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		r.trusted = append(r.trusted, prefix.Masked())
	}
	return r, nil
}

// BaseURL is where the client of req reached this server.
func (res *Resolver) BaseURL(req *http.Request) string {
	if res.fixed != "" {
		return res.fixed
	}
	scheme, host := "http", req.Host
	if req.TLS != nil {
		scheme = "https"
	}
	if res.fromTrustedProxy(req) {
		if p := strings.ToLower(firstValue(req.Header.Get("X-Forwarded-Proto"))); p == "http" || p == "https" {
			scheme = p
		}
		if h := firstValue(req.Header.Get("X-Forwarded-Host")); validHost(h) {
			host = h
		}
	}
	if host == "" { // HTTP/1.0 without a Host header: the address it connected to
		if addr, ok := req.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			host = addr.String()
		}
	}
	return scheme + "://" + host
}

func (res *Resolver) fromTrustedProxy(req *http.Request) bool {
	if len(res.trusted) == 0 {
		return false
	}
	peer, err := netip.ParseAddrPort(req.RemoteAddr)
	if err != nil {
		return false
	}
	return res.isTrusted(peer.Addr().Unmap())
}

func (res *Resolver) isTrusted(addr netip.Addr) bool {
	for _, p := range res.trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// ClientIP is the address of the client that sent req, by the same rule as
// BaseURL: the connection's peer, unless the peer is a trusted proxy; then
// X-Forwarded-For is read from the right (each proxy appends the address it
// was reached from) and the first address that is not a trusted proxy is the
// client. Anything a client writes to the left of that is ignored, so a client
// cannot choose the address it is counted under (rate limits). "" if the peer
// address is unreadable.
func (res *Resolver) ClientIP(req *http.Request) string {
	peer, err := netip.ParseAddrPort(req.RemoteAddr)
	if err != nil {
		return ""
	}
	client := peer.Addr().Unmap()
	if !res.isTrusted(client) {
		return client.String()
	}
	hops := strings.Split(strings.Join(req.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // unreadable: the last proxy we trust reached us from client
		}
		client = addr.Unmap()
		if !res.isTrusted(client) {
			break
		}
	}
	return client.String()
}

// firstValue is the value the first proxy of a comma-separated chain set.
func firstValue(h string) string {
	first, _, _ := strings.Cut(h, ",")
	return strings.TrimSpace(first)
}

// validHost accepts host, host:port and [v6]:port, nothing that could end the
// authority of a URL (/, ?, #, @, spaces).
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, c := range h {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.ContainsRune(".-_:[]", c):
		default:
			return false
		}
	}
	return true
}

type ctxKey struct{}

type clientKey struct{}

// NewClientContext stores the client address (ClientIP) of the request that
// ctx belongs to.
func NewClientContext(ctx context.Context, clientIP string) context.Context {
	return context.WithValue(ctx, clientKey{}, clientIP)
}

// ClientFromContext is the client address that NewClientContext stored, "" if none.
func ClientFromContext(ctx context.Context) string {
	ip, _ := ctx.Value(clientKey{}).(string)
	return ip
}

// NewContext stores the base URL of the request that ctx belongs to.
func NewContext(ctx context.Context, baseURL string) context.Context {
	return context.WithValue(ctx, ctxKey{}, baseURL)
}

// FromContext is the base URL that NewContext stored, "" if none.
func FromContext(ctx context.Context) string { base, _ := ctx.Value(ctxKey{}).(string); return base }
