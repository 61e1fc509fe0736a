// Command handout turns YAML patient-handout definitions into print-ready
// PDFs. Run "handout --help" for usage.
package main

import (
	"os"

	"handout/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
