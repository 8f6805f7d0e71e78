// Package kafkatest starts an in-process Kafka-protocol broker (kfake from
// franz-go) for tests of redactd's Kafka source and sink, with optional
// SASL users and TLS (a throwaway CA, server and client certificate made in
// the test), and lets a test stop the broker and start it again on the same
// address with the same data, to play a broker that goes away and comes back.
//
// The helper clients (Produce, Consume, Committed) use franz-go's kgo, a
// client independent of the kafka-go code under test.
package kafkatest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

var logLevels = map[string]kfake.LogLevel{
	"debug": kfake.LogLevelDebug, "info": kfake.LogLevelInfo, "warn": kfake.LogLevelWarn, "error": kfake.LogLevelError,
}

// Option configures Start.
type Option func(*options)

type options struct {
	topics   map[string]int32
	users    []user
	tls      bool
	needCert bool
}

type user struct{ mechanism, name, password string }

// Topic creates topic with the given number of partitions at start.
func Topic(name string, partitions int32) Option {
	return func(o *options) { o.topics[name] = partitions }
}

// SASLUser turns SASL on and adds a user. mechanism is "PLAIN",
// "SCRAM-SHA-256" or "SCRAM-SHA-512".
func SASLUser(mechanism, name, password string) Option {
	return func(o *options) { o.users = append(o.users, user{mechanism, name, password}) }
}

// TLS makes the broker listen with TLS, with a certificate for 127.0.0.1 and
// localhost signed by a CA made for this test (Cluster.CAFile). Clients may
// present Cluster.CertFile/KeyFile; with requireClientCert they must.
func TLS(requireClientCert bool) Option {
	return func(o *options) { o.tls, o.needCert = true, requireClientCert }
}

// Cluster is a running (or stopped) single-broker kfake cluster.
type Cluster struct {
	// Addrs are the broker addresses ("127.0.0.1:port"); they stay the same
	// across Stop and Restart.
	Addrs []string
	// CAFile, CertFile and KeyFile are PEM files (mode 0600) of the test CA
	// and a client certificate and key it signed; empty without TLS.
	CAFile, CertFile, KeyFile string

	tb      testing.TB
	opts    options
	dataDir string
	port    int
	srvTLS  *tls.Config
	cliTLS  *tls.Config
	admin   user

	mu sync.Mutex
	kc *kfake.Cluster // nil while stopped
}

// Start starts a broker and registers its shutdown with tb.Cleanup.
func Start(tb testing.TB, opts ...Option) *Cluster {
	tb.Helper()
	c := &Cluster{tb: tb, opts: options{topics: map[string]int32{}}, dataDir: tb.TempDir()}
	for _, o := range opts {
		o(&c.opts)
	}
	if len(c.opts.users) > 0 {
		// A superuser for the helper clients of this package.
		c.admin = user{"SCRAM-SHA-256", "kafkatest-admin", randomHex(tb)}
	}
	if c.opts.tls {
		c.makeCerts()
	}
	c.start(0)
	tb.Cleanup(c.Stop)
	return c
}

func (c *Cluster) start(port int) {
	c.tb.Helper()
	kopts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.DataDir(c.dataDir),
		kfake.GroupMinSessionTimeout(100 * time.Millisecond),
		kfake.DefaultNumPartitions(1),
	}
	for name, n := range c.opts.topics {
		kopts = append(kopts, kfake.SeedTopics(n, name))
	}
	if len(c.opts.users) > 0 {
		kopts = append(kopts, kfake.EnableSASL(), kfake.Superuser(c.admin.mechanism, c.admin.name, c.admin.password))
		for _, u := range c.opts.users {
			kopts = append(kopts, kfake.Superuser(u.mechanism, u.name, u.password))
		}
	}
	if c.srvTLS != nil {
		kopts = append(kopts, kfake.TLS(c.srvTLS))
	}
	if lvl, ok := logLevels[os.Getenv("KAFKATEST_LOG")]; ok {
		// KAFKATEST_LOG=debug|info|warn|error shows the broker's log on stderr.
		kopts = append(kopts, kfake.WithLogger(kfake.BasicLogger(os.Stderr, lvl)))
	}
	var (
		kc  *kfake.Cluster
		err error
	)
	// The port of a just-closed listener can take a moment to free up.
	for range 50 {
		kc, err = kfake.NewCluster(kopts...)
		if err == nil || port == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		c.tb.Fatalf("kafkatest: start kfake: %v", err)
	}
	addrs := kc.ListenAddrs()
	if port == 0 {
		_, p, err := net.SplitHostPort(addrs[0])
		if err != nil {
			c.tb.Fatalf("kafkatest: listen address %q: %v", addrs[0], err)
		}
		c.port, _ = strconv.Atoi(p)
		c.Addrs = addrs
	}
	c.mu.Lock()
	c.kc = kc
	c.mu.Unlock()
}

// Stop shuts the broker down (connections drop, the port closes); its
// topics, records and committed offsets stay on disk for Restart. Stop on a
// stopped cluster does nothing.
func (c *Cluster) Stop() {
	c.mu.Lock()
	kc := c.kc
	c.kc = nil
	c.mu.Unlock()
	if kc != nil {
		kc.Close()
	}
}

// Restart starts a stopped broker again on the same address with the same
// data. It stops a running one first.
func (c *Cluster) Restart() {
	c.tb.Helper()
	c.Stop()
	c.start(c.port)
}

// Kfake returns the running kfake cluster (nil while stopped), for tests
// that inject faults with its Control functions.
func (c *Cluster) Kfake() *kfake.Cluster {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.kc
}

// ServerTLS returns the TLS config the broker listens with (nil without TLS).
func (c *Cluster) ServerTLS() *tls.Config { return c.srvTLS }

// Client returns a franz-go client for the cluster, authenticated as the
// helper superuser, closed at the end of the test.
func (c *Cluster) Client(opts ...kgo.Opt) *kgo.Client {
	c.tb.Helper()
	o := []kgo.Opt{kgo.SeedBrokers(c.Addrs...), kgo.RetryTimeout(20 * time.Second)}
	if c.cliTLS != nil {
		o = append(o, kgo.DialTLSConfig(c.cliTLS.Clone()))
	}
	if c.admin.name != "" {
		o = append(o, kgo.SASL(scram.Auth{User: c.admin.name, Pass: c.admin.password}.AsSha256Mechanism()))
	}
	cl, err := kgo.NewClient(append(o, opts...)...)
	if err != nil {
		c.tb.Fatalf("kafkatest: new client: %v", err)
	}
	c.tb.Cleanup(cl.Close)
	return cl
}

// Produce writes recs (Topic set on each, or topic when empty) and waits
// until the broker acked all of them. Each record goes to the partition in
// its Partition field (0 when unset).
func (c *Cluster) Produce(topic string, recs ...*kgo.Record) {
	c.tb.Helper()
	cl := c.Client(kgo.RecordPartitioner(kgo.ManualPartitioner()))
	for _, r := range recs {
		if r.Topic == "" {
			r.Topic = topic
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		c.tb.Fatalf("kafkatest: produce to %s: %v", topic, err)
	}
	cl.Close()
}

// Consume reads topic from the start until it has n records or timeout
// passes, and returns what it read (fewer than n on timeout).
func (c *Cluster) Consume(topic string, n int, timeout time.Duration) []*kgo.Record {
	c.tb.Helper()
	cl := c.Client(kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out []*kgo.Record
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			break
		}
		fs.EachError(func(t string, p int32, err error) {
			if !errors.Is(err, context.DeadlineExceeded) {
				c.tb.Logf("kafkatest: consume %s/%d: %v", t, p, err)
			}
		})
		out = append(out, fs.Records()...)
	}
	return out
}

// Committed returns group's committed offsets for topic by partition.
func (c *Cluster) Committed(group, topic string) map[int32]int64 {
	c.tb.Helper()
	cl := c.Client()
	defer cl.Close()
	req := kmsg.NewPtrOffsetFetchRequest()
	req.Group = group
	rt := kmsg.NewOffsetFetchRequestTopic()
	rt.Topic = topic
	for p := range c.opts.topics[topic] {
		rt.Partitions = append(rt.Partitions, p)
	}
	req.Topics = append(req.Topics, rt)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		c.tb.Fatalf("kafkatest: offset fetch %s: %v", group, err)
	}
	out := map[int32]int64{}
	for _, t := range resp.Topics {
		for _, p := range t.Partitions {
			if p.Offset >= 0 {
				out[p.Partition] = p.Offset
			}
		}
	}
	return out
}

func randomHex(tb testing.TB) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatalf("kafkatest: random: %v", err)
	}
	return hex.EncodeToString(b[:])
}

// makeCerts makes a CA, a server certificate for 127.0.0.1/localhost and a
// client certificate, writes the CA and client files, and sets the server
// and helper-client TLS configs.
func (c *Cluster) makeCerts() {
	tb := c.tb
	tb.Helper()
	dir := tb.TempDir()
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			tb.Fatalf("kafkatest: key: %v", err)
		}
		return k
	}
	serial := int64(1)
	now := time.Now()
	sign := func(tmpl *x509.Certificate, key *ecdsa.PrivateKey, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) *x509.Certificate {
		serial++
		tmpl.SerialNumber = big.NewInt(serial)
		tmpl.NotBefore, tmpl.NotAfter = now.Add(-time.Hour), now.Add(24*time.Hour)
		if parent == nil {
			parent, parentKey = tmpl, key
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
		if err != nil {
			tb.Fatalf("kafkatest: certificate: %v", err)
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			tb.Fatalf("kafkatest: certificate: %v", err)
		}
		return cert
	}
	caKey := newKey()
	ca := sign(&x509.Certificate{
		Subject:               pkix.Name{CommonName: "kafkatest CA"},
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, caKey, nil, nil)
	srvKey := newKey()
	srv := sign(&x509.Certificate{
		Subject:     pkix.Name{CommonName: "localhost"},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, srvKey, ca, caKey)
	cliKey := newKey()
	cli := sign(&x509.Certificate{
		Subject:     pkix.Name{CommonName: "redactd-test-client"},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, cliKey, ca, caKey)

	write := func(name, typ string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			tb.Fatalf("kafkatest: %v", err)
		}
		return p
	}
	keyDER := func(k *ecdsa.PrivateKey) []byte {
		b, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			tb.Fatalf("kafkatest: %v", err)
		}
		return b
	}
	c.CAFile = write("ca.pem", "CERTIFICATE", ca.Raw)
	c.CertFile = write("client.pem", "CERTIFICATE", cli.Raw)
	c.KeyFile = write("client-key.pem", "PRIVATE KEY", keyDER(cliKey))

	pool := x509.NewCertPool()
	pool.AddCert(ca)
	clientAuth := tls.VerifyClientCertIfGiven
	if c.opts.needCert {
		clientAuth = tls.RequireAndVerifyClientCert
	}
	c.srvTLS = &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{{Certificate: [][]byte{srv.Raw}, PrivateKey: srvKey, Leaf: srv}},
		ClientCAs:    pool,
		ClientAuth:   clientAuth,
	}
	c.cliTLS = &tls.Config{
		MinVersion:   tls.VersionTLS12,
		RootCAs:      pool,
		ServerName:   "localhost",
		Certificates: []tls.Certificate{{Certificate: [][]byte{cli.Raw}, PrivateKey: cliKey, Leaf: cli}},
	}
}
