package kafka_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/redactd/redactd/internal/kafkatest"
	sinkkafka "github.com/redactd/redactd/sinks/kafka"
	"github.com/redactd/redactd/sources/kafka"
)

const (
	childEnv = "REDACTD_KAFKA_TEST_CHILD_BROKER"
	allParts = `partitions="[raw/0 raw/1 raw/2 raw/3]"`
)

// heartbeats records the last heartbeat of each group member kfake saw.
type heartbeats struct {
	mu   sync.Mutex
	last map[string]time.Time
	c    *kafkatest.Cluster
}

func watchHeartbeats(t *testing.T, c *kafkatest.Cluster) *heartbeats {
	h := &heartbeats{last: map[string]time.Time{}, c: c}
	kc := c.Kfake()
	kc.ControlKey(int16(kmsg.Heartbeat), func(r kmsg.Request) (kmsg.Response, error, bool) {
		kc.KeepControl()
		h.mu.Lock()
		h.last[r.(*kmsg.HeartbeatRequest).MemberID] = time.Now()
		h.mu.Unlock()
		return nil, nil, false // let kfake answer
	})
	return h
}

// silentSince returns the members of group "killed" that have not
// heartbeated since t.
func (h *heartbeats) silentSince(t time.Time) []string {
	cl := h.c.Client()
	defer cl.Close()
	req := kmsg.NewPtrDescribeGroupsRequest()
	req.Groups = []string{"killed"}
	resp, err := req.RequestWith(context.Background(), cl)
	if err != nil || len(resp.Groups) != 1 {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var dead []string
	for _, m := range resp.Groups[0].Members {
		if !h.last[m.MemberID].After(t) {
			dead = append(dead, m.MemberID)
		}
	}
	return dead
}

func leaveGroup(t *testing.T, c *kafkatest.Cluster, group string, members []string) {
	cl := c.Client()
	defer cl.Close()
	req := kmsg.NewPtrLeaveGroupRequest()
	req.Group = group
	for _, id := range members {
		m := kmsg.NewLeaveGroupRequestMember()
		m.MemberID = id
		req.Members = append(req.Members, m)
	}
	if _, err := req.RequestWith(context.Background(), cl); err != nil {
		t.Logf("leave group for %v: %v", members, err)
	}
}

// TestKilledMember runs one group member in a child process and kills it
// with SIGKILL midway (no LeaveGroup, no final commit); the member in this
// process must take over its partitions once the session times out, and
// every message must reach the clean topic.
func TestKilledMember(t *testing.T) {
	const parts, n = 4, 150
	c := kafkatest.Start(t, kafkatest.Topic("raw", parts), kafkatest.Topic("clean", parts))
	produce(c, "raw", parts, n, 0, secret, time.Now())

	child := exec.Command(os.Args[0], "-test.run=^TestKilledMemberChild$", "-test.v")
	child.Env = append(os.Environ(), childEnv+"="+c.Addrs[0])
	var childOut strings.Builder
	child.Stdout, child.Stderr = &childOut, &childOut
	if err := child.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	killed := false
	defer func() {
		if !killed {
			_ = child.Process.Kill()
			_ = child.Wait()
		}
	}()

	src, logs := newSource(t, memberConfig(c.Addrs))
	p := newPipe(newSink(t, c, "clean"), secret)
	p.delay = 15 * time.Millisecond
	r := start(t, src, p)

	// Kill the child once it has written to the clean topic while this
	// member also consumes, i.e. the group has two members.
	waitFor(t, 30*time.Second, "both members to write", func() bool {
		k, _ := p.count()
		return k >= 20 && len(c.Consume("clean", k+20, 300*time.Millisecond)) >= k+20
	})
	if err := child.Process.Kill(); err != nil {
		t.Fatalf("kill child: %v", err)
	}
	_ = child.Wait()
	killed = true
	killedAt := time.Now()
	logMark := len(logs.String()) // what the survivor logs from here on counts
	hb := watchHeartbeats(t, c)

	// The coordinator must expire the dead member after session_timeout
	// (1s). kfake (at the pinned version) sometimes never does: the dead
	// member stays in a Stable group for good. Then do what a Kafka
	// coordinator does on expiry: remove every member that has not
	// heartbeated since the kill.
	time.Sleep(3 * time.Second)
	if !strings.Contains(logs.String()[logMark:], allParts) {
		if dead := hb.silentSince(killedAt); len(dead) > 0 {
			t.Logf("kfake did not expire the killed member within 3s; removing %v as session expiry would", dead)
			leaveGroup(t, c, "killed", dead)
		}
	}

	got := map[[2]int]bool{}
	deadline := time.Now().Add(60 * time.Second)
	for len(got) < parts*n && time.Now().Before(deadline) {
		for _, rec := range c.Consume("clean", 2*parts*n, 2*time.Second) {
			if p, seq, ok := parseSeq(rec.Value); ok {
				got[[2]int{p, seq}] = true
			}
		}
	}
	if len(got) != parts*n {
		t.Fatalf("clean topic holds %d distinct messages; want %d\nchild output:\n%s\nlog:\n%s", len(got), parts*n, childOut.String(), logs.String())
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if !strings.Contains(logs.String()[logMark:], allParts) {
		t.Errorf("the surviving member never owned all partitions; log:\n%s", logs.String())
	}
}

func memberConfig(brokers []string) kafka.Config {
	return kafka.Config{
		Brokers:           brokers,
		Topics:            []string{"raw"},
		Group:             "killed",
		SessionTimeout:    time.Second,
		HeartbeatInterval: 100 * time.Millisecond,
		RebalanceTimeout:  5 * time.Second,
		BatchSize:         10,
		MaxWait:           500 * time.Millisecond,
		CommitInterval:    100 * time.Millisecond,
		DrainTimeout:      3 * time.Second,
		BackoffMax:        500 * time.Millisecond,
	}
}

// TestKilledMemberChild is the group member TestKilledMember runs in a
// child process and kills; run on its own it has nothing to do.
func TestKilledMemberChild(t *testing.T) {
	broker := os.Getenv(childEnv)
	if broker == "" {
		t.Skip("helper process of TestKilledMember; runs only in its child process")
	}
	src, _ := newSource(t, memberConfig([]string{broker}))
	sink, err := sinkkafka.NewSink(sinkkafka.Config{Brokers: []string{broker}, Topic: "clean"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := newPipe(sink, secret)
	p.delay = 15 * time.Millisecond
	go p.run(context.Background())
	_ = src.Run(context.Background(), p.out) // until killed
}
