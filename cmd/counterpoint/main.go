// Command counterpoint builds explainer microsites; see README.md.
package main

import (
	"context"
	"os"
	"syscall"

	"github.com/counterpoint-ssg/counterpoint/internal/cli"
)

func main() {
	ctx, stop := cli.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
