package cli

import (
	"io"

	"github.com/spf13/cobra"

	"handout/internal/handout"
)

type schemaOptions struct {
	Out io.Writer
}

func newSchemaCmd(e *Env, runF func(*schemaOptions) error) *cobra.Command {
	opts := &schemaOptions{Out: e.Out}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the handout format",
		Long: `Print the JSON Schema (draft 2020-12) of the handout YAML format to stdout.

Editors use it to complete field names, describe each field as you type, and
mark unknown fields, wrong types and missing required fields while you write.
With VS Code's YAML extension (Red Hat), start a handout with the line

  # yaml-language-server: $schema=handout.schema.json

giving the schema's path relative to the handout; "handout new" writes it for
you. The schema cannot check everything: run "handout validate" for whether
text fits the page, the logo file, dates and characters.`,
		Example: `  # save it beside your handouts
  handout schema > handouts/handout.schema.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runSchema(opts)
		},
	}
}

func runSchema(opts *schemaOptions) error {
	if _, err := opts.Out.Write(handout.Schema()); err != nil {
		return &failedError{summary: "cannot write the schema: " + err.Error()}
	}
	return nil
}
