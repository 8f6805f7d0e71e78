package alerts

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// webhook posts each alert as one JSON body (the Alert, or {"text": ...} in
// the slack format) and retries with exponential backoff and jitter on
// network errors, 5xx and 429 (honouring Retry-After).
type webhook struct {
	url     string // resolved; may hold a secret path: never logged or put in errors
	display string // scheme://host, for names and errors
	format  string
	headers http.Header // values may be tokens: never logged or put in errors
	client  *http.Client
	retries int
	minB    time.Duration
	maxB    time.Duration
	st      *sinkStats
	// wait sleeps d or until ctx is done; tests replace it.
	wait func(ctx context.Context, d time.Duration) error
}

// newWebhook resolves the URL and header environment variables of one
// [[alerts.webhook]] (key names it in errors) and builds its client.
func newWebhook(key string, c WebhookConfig, info Info) (*webhook, error) {
	raw := c.URL
	if c.URLEnv != "" {
		raw = os.Getenv(c.URLEnv)
		if raw == "" {
			return nil, fmt.Errorf("%s.url_env: environment variable %s is not set", key, c.URLEnv)
		}
		if err := checkWebhookURL(raw, c.AllowInsecure); err != nil {
			return nil, fmt.Errorf("%s.url_env: %s: %w", key, c.URLEnv, err)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s.url: not a valid URL", key)
	}
	w := &webhook{
		url: raw, display: u.Scheme + "://" + u.Host, format: c.Format, headers: http.Header{},
		retries: c.MaxRetries, minB: c.MinBackoff, maxB: c.MaxBackoff, wait: sleepCtx,
	}
	w.headers.Set("Content-Type", "application/json")
	w.headers.Set("User-Agent", "redactd/"+orDefault(info.Version, "dev"))
	for name, v := range c.Headers {
		if h, ok := strings.CutSuffix(name, "_env"); ok {
			val := os.Getenv(v)
			if val == "" {
				return nil, fmt.Errorf("%s.headers.%s: environment variable %s is not set", key, name, v)
			}
			if strings.ContainsAny(val, "\r\n\x00") {
				return nil, fmt.Errorf("%s.headers.%s: environment variable %s holds a line break or NUL", key, name, v)
			}
			w.headers.Set(h, val)
		} else {
			w.headers.Set(name, v)
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return nil, fmt.Errorf("%s.ca_file: %w", key, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s.ca_file: %s: no PEM certificate found", key, c.CAFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	w.client = &http.Client{
		Transport: tr,
		Timeout:   c.Timeout,
		// A redirect could carry the headers elsewhere: treat it as a failure.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return w, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *webhook) close() error {
	w.client.CloseIdleConnections()
	return nil
}

// send posts each alert of batch (the Router gives webhooks batches of one).
func (w *webhook) send(ctx context.Context, batch []*Alert) error {
	for _, a := range batch {
		body, err := w.encode(a)
		if err != nil {
			return err
		}
		if err := w.post(ctx, body); err != nil {
			return err
		}
	}
	return nil
}

func (w *webhook) encode(a *Alert) ([]byte, error) {
	var v any = a
	if w.format == FormatSlack {
		v = struct {
			Text string `json:"text"`
		}{a.Slack()}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode alert: %w", err)
	}
	return b, nil
}

// errPermanent marks an answer that retrying will not change.
type errPermanent struct{ status int }

func (e errPermanent) Error() string {
	if e.status == 0 {
		return "cannot build request"
	}
	return fmt.Sprintf("status %d (not retried)", e.status)
}

// post delivers one body, retrying as configured.
func (w *webhook) post(ctx context.Context, body []byte) error {
	for attempt := 0; ; attempt++ {
		after, err := w.try(ctx, body)
		if err == nil {
			return nil
		}
		var perm errPermanent
		if errors.As(err, &perm) || ctx.Err() != nil {
			return fmt.Errorf("post to %s: %w", w.display, err)
		}
		if attempt >= w.retries {
			return fmt.Errorf("post to %s: giving up after %d attempts: %w", w.display, attempt+1, err)
		}
		d := w.backoff(attempt)
		if after > 0 {
			d = min(after, MaxRetryAfter)
		}
		w.st.retried.Add(1)
		if err := w.wait(ctx, d); err != nil {
			return fmt.Errorf("post to %s: %w", w.display, err)
		}
	}
}

// backoff returns the pause before retry attempt+1: exponential from minB,
// capped at maxB, with jitter in [d/2, d).
func (w *webhook) backoff(attempt int) time.Duration {
	d := w.minB << min(attempt, 30)
	if d <= 0 || d > w.maxB {
		d = w.maxB
	}
	half := d / 2
	return half + rand.N(half+1)
}

// try makes one request. It returns the server's Retry-After (0 if none)
// and an error: errPermanent for an answer not worth retrying. Its errors
// name the status or the network failure, never the URL's path or a
// header.
func (w *webhook) try(ctx context.Context, body []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return 0, errPermanent{}
	}
	req.Header = w.headers.Clone()
	resp, err := w.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL
		}
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch s := resp.StatusCode; {
	case s >= 200 && s < 300:
		return 0, nil
	case s == http.StatusTooManyRequests || s >= 500:
		return retryAfter(resp.Header.Get("Retry-After"), time.Now()), fmt.Errorf("status %d", s)
	default:
		return 0, errPermanent{s}
	}
}

// retryAfter parses a Retry-After value: delay seconds or an HTTP-date. It
// returns 0 when v is empty, invalid or in the past.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, int(MaxRetryAfter/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
