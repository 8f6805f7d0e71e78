package file_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/redactd/redactd/pipeline"
	"github.com/redactd/redactd/sources/file"
)

func Example() {
	dir, _ := os.MkdirTemp("", "redactd-file-example")
	defer os.RemoveAll(dir)
	logPath := filepath.Join(dir, "app.log")
	os.WriteFile(logPath, []byte("GET /health 200\nPOST /login 302\n"), 0o644)

	src, err := file.New(file.Config{
		Paths:   []string{filepath.Join(dir, "*.log")},
		StartAt: "beginning", // first run only; later runs resume from the checkpoint
	}, filepath.Join(dir, "data"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan pipeline.Batch, 1)
	done := make(chan error, 1)
	go func() { done <- src.Run(ctx, out) }()

	b := <-out
	for _, r := range b.Records {
		fmt.Printf("%s:%d offset %d: %s\n", filepath.Base(r.Meta.Path), r.Meta.LineNo, r.Meta.Offset, r.Line)
	}
	b.Ack(nil) // every sink wrote the batch: the checkpoint may move past it

	cancel()
	fmt.Println("run:", <-done)
	// Output:
	// app.log:1 offset 0: GET /health 200
	// app.log:2 offset 16: POST /login 302
	// run: <nil>
}
