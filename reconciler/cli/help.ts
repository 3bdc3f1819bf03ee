// --help texts for quiesce and each command.

/** Help for `quiesce` with no command. */
export const mainHelp = `quiesce — take servers out of rotation for maintenance, declaratively

Usage: quiesce <command> [options]

Commands:
  validate [PATH...]   check desired-state YAML; every problem with file:line:col

Options:
  -h, --help           show help (also: quiesce <command> --help)
  -V, --version        show the version

PATH defaults to ./desired-state. Exit codes: 0 ok, 1 error or invalid input,
64 usage error. See README.md for the YAML format.
`;

/** Help per command. */
export const commandHelp: Record<string, string> = {
  validate: `Usage: quiesce validate [PATH...] [--format text|json|github]

Checks every *.yaml/*.yml file under each PATH (default ./desired-state):
YAML syntax, the Pool schema (schemas/pool.schema.json), unique pool names,
each server in one pool only, overrides naming managed services.

Options:
  --format text|json|github   text for people (default), json for machines,
                              github for GitHub Actions annotations
  -h, --help                  show this help

Exit codes: 0 valid, 1 invalid, 64 usage error.
`,
};
