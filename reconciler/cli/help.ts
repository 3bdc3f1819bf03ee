// --help texts for quiesce and each command.

/** Help for `quiesce` with no command. */
export const mainHelp = `quiesce — take servers out of rotation for maintenance, declaratively

Usage: quiesce <command> [options]

Commands:
  validate [PATH...]   check desired-state YAML; every problem with file:line:col
  plan     [PATH]      show what apply would do, and what policy blocks
  apply    [PATH]      run the plan; --wait until drains finish
  status   [PATH]      each service's desired mode, health, sessions, sync
  watch    [PATH | --git URL [--ref REF] [--path DIR]]
                       reconcile on every change and every --interval

Options:
  -h, --help           show help (also: quiesce <command> --help)
  -V, --version        show the version

PATH defaults to ./desired-state; --state-dir (default .quiesce) holds the
audit log, the lock and the simulated fleets. Exit codes: 0 ok, 1 error,
2 plan has changes (--detailed-exitcode), 3 blocked by policy, 4 --wait timed
out, 64 usage error. See README.md.
`;

/** Options of the commands that read a desired state. */
const sourceOptions = `  PATH                        folder of pool files (default ./desired-state)
  --git URL                   read the desired state from a git repository
  --ref REF                   branch or tag with --git (default main)
  --path DIR                  folder inside the repository (default desired-state)
  --state-dir DIR             audit log, lock and simulated fleets (default .quiesce)
`;

/** Options every command takes. */
const commonOptions = `  -h, --help                  show this help
  -V, --version               show the version
`;

/** Help per command; each lists every option its command takes. */
export const commandHelp: Record<string, string> = {
  validate: `Usage: quiesce validate [PATH...] [--format text|json|github]

Checks every *.yaml/*.yml file under each PATH (default ./desired-state):
YAML syntax, the Pool schema (schemas/pool.schema.json), unique pool names,
each server in one pool only, overrides naming managed services.

Options:
  --format text|json|github   text for people (default), json for machines,
                              github for GitHub Actions annotations
${commonOptions}
Exit codes: 0 valid, 1 invalid, 64 usage error.
`,
  plan: `Usage: quiesce plan [PATH | --git URL [--ref REF] [--path DIR]] [-o|--output text|json|markdown] [--detailed-exitcode] [--state-dir DIR]

Observes every server once and prints the steps apply would run, the changes
policy blocks (with the rule and which servers are out), pending services and
errors. Changes nothing.

Options:
${sourceOptions}  -o, --output FORMAT         text (default), json, or markdown (CI job summaries)
  --detailed-exitcode         exit 2 when there are changes
${commonOptions}
Exit codes: 0 no changes, 1 error, 2 changes (only with --detailed-exitcode),
3 some change blocked by policy, 64 usage error.
`,
  apply: `Usage: quiesce apply [PATH | --git URL [--ref REF] [--path DIR]] [--wait [--timeout DURATION]] [--concurrency N] [-o|--output text|json] [--state-dir DIR]
       quiesce apply --retry-hook POOL SERVER [PATH] [options]

Runs the plan: startup type first, then pause/resume/start, per server in
order, N servers at once (default 16). Every step is appended to
<state-dir>/audit.jsonl. With --wait, keeps reconciling and prints drain
progress until every draining service is Drained (default timeout 2h).
SIGINT/SIGTERM finish the step in flight; run apply again to continue.
A pool with spec.maintenance rolls its servers through drain, hook, return
(see README "Maintenance nights"); apply waits for the hooks it starts.

Options:
${sourceOptions}  --wait                      keep reconciling until every drain finishes
  --retry-hook POOL SERVER    run a failed maintenance hook again (audited), then apply
  --timeout DURATION          give up waiting after this long (with --wait; default 2h)
  --concurrency N             servers changed at once, 1 to 1024 (default 16)
  -o, --output FORMAT         text (default) or json
${commonOptions}
Exit codes: 0 done, 1 error, 3 blocked by policy, 4 --wait timed out, 64 usage error.
`,
  watch: `Usage: quiesce watch [PATH | --git URL [--ref REF] [--path DIR]] [--interval DURATION]
                     [--mode apply|monitor] [--concurrency N] [--state-dir DIR]

Reconciles whenever a file under PATH changes, on every --interval (default
30s, jittered; this also fetches --git), and at start. Every round re-reads
the desired state and observes every server from scratch. A revision that
fails validation is not applied: the last good one stays in force and
<state-dir>/status.json records why. --mode monitor observes and reports drift
but never changes anything. SIGTERM/SIGINT: finish the step in flight, write
status, exit 0.

plan and apply take --git URL [--ref REF] [--path DIR] too (ref default main,
path default desired-state).

Options:
${sourceOptions}  --interval DURATION         resync period, jittered (default 30s)
  --mode apply|monitor        apply changes (default), or only observe and report
  --concurrency N             servers changed at once (default 16)
${commonOptions}`,
  status: `Usage: quiesce status [PATH | --git URL [--ref REF] [--path DIR]] [-o|--output text|json] [--state-dir DIR]

One row per service: desired mode, health (Active, Draining, Drained, Paused,
Stalled, Degraded, Unknown), open sessions, status/startup type and sync.

Options:
${sourceOptions}  -o, --output FORMAT         text (default) or json
${commonOptions}
Exit codes: 0 ok, 1 some server could not be read or invalid input, 64 usage error.
`,
};
