package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"handout/internal/build"
)

type versionOptions struct {
	Out io.Writer
}

func newVersionCmd(e *Env, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{Out: e.Out}
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of handout",
		Example: "  handout version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
}

func runVersion(opts *versionOptions) error {
	if _, err := fmt.Fprintf(opts.Out, "%s %s\n", programName, build.Version); err != nil {
		return &failedError{summary: "cannot write the version: " + err.Error()}
	}
	return nil
}
