// Command redactd stops API keys and other secrets from leaking through
// logs: it reads log lines, replaces every secret with a keyed fingerprint
// token, writes the redacted lines on and alerts about new exposures.
//
//	app 2>&1 | redactd               # stdin to stdout, built-in rules
//	redactd -c /etc/redactd.toml     # the pipeline a config file describes
//	redactd check -c FILE            # validate a config and exit
//	redactd rules [--json]           # list the detection rules
//	redactd fingerprint              # tokens for secrets read from stdin
//	redactd version
//
// Exit codes: 0 success, 1 runtime failure, 2 usage or config error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries an exit code with an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks err as a usage or config error (exit code 2).
func usageErr(err error) error { return &exitError{code: 2, err: err} }

// env is what a command may touch of the process: its streams and
// environment, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(e, os.Args[1:]))
}

// run executes one command line and returns the exit code.
func run(e env, args []string) int {
	err := dispatch(e, args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	fmt.Fprintf(e.stderr, "redactd: %v\n", err)
	return code
}

const mainUsage = `redactd replaces secrets in log lines with keyed fingerprint tokens.

Usage:
  redactd [flags]                 read stdin, write stdout (built-in rules, no config needed)
  redactd -c FILE [flags]         run the pipeline FILE describes
  redactd check -c FILE           validate a config file and exit
  redactd rules [--json]          list detection rules
  redactd fingerprint [-c FILE]   print the token of each secret read from stdin
  redactd scan [FILE|DIR]...      report secrets in logs (text, json, sarif); exit 1 if any
  redactd exec -- CMD [ARG]...    run CMD with its stdout and stderr redacted
  redactd completion bash|zsh     print a shell completion script
  redactd version                 print the version

Run 'redactd COMMAND --help' for a command's flags.

Examples:
  python app.py 2>&1 | redactd
  kubectl logs deploy/api | redactd > clean.log
  REDACTD_FINGERPRINT_KEY="$(cat /etc/redactd/key)" redactd -c /etc/redactd/redactd.toml

Flags:
`

func dispatch(e env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return cmdCheck(e, args[1:])
		case "version":
			return cmdVersion(e, args[1:])
		case "rules":
			return cmdRules(e, args[1:])
		case "fingerprint":
			return cmdFingerprint(e, args[1:])
		case "scan":
			return cmdScan(e, args[1:])
		case "exec":
			return cmdExec(e, args[1:])
		case "completion":
			return cmdCompletion(e, args[1:])
		case "help":
			fs, _ := runFlags(e)
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil
		}
	}
	return cmdRun(e, args)
}

// newFlagSet returns a flag set that reports errors (not exits) and prints
// usage to stderr, or stdout for --help.
func newFlagSet(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, printing --help to stdout; a bad flag is a usage error.
func parse(e env, fs *flag.FlagSet, args []string) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return flag.ErrHelp
		}
		if a == "--" {
			break
		}
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	return nil
}

func cmdVersion(e env, args []string) error {
	fs := newFlagSet(e, "version", "Usage: redactd version\n\nPrints redactd's version.\n")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Errorf("version: unexpected argument %q", fs.Arg(0)))
	}
	fmt.Fprintf(e.stdout, "redactd %s\n", version)
	return nil
}
