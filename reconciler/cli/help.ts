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
  history  [--pool P] [--server S] [--since DURATION]
                       who changed what, when, from which commit
  unlock   POOL --force --id ID
                       release a lock whose holder is gone (audited)
  serve                status page, /api/status and /metrics from the state
                       store, without reconciling

Options:
  -h, --help           show help (also: quiesce <command> --help)
  -V, --version        show the version

PATH defaults to ./desired-state; --state-dir (default .quiesce) holds the
audit log, the locks and the simulated fleets; --state postgres://… (or
QUIESCE_STATE) keeps locks, audit, drains and status in PostgreSQL instead. Exit codes: 0 ok, 1 error,
2 plan has changes (--detailed-exitcode), 3 blocked by policy, 4 --wait timed
out, 64 usage error. See README.md.
`;

/** Options of the commands that read a desired state. */
const sourceOptions = `  PATH                        folder of pool files (default ./desired-state)
  --git URL                   read the desired state from a git repository
  --ref REF                   branch or tag with --git (default main)
  --path DIR                  folder inside the repository (default desired-state)
  --state-dir DIR             audit log, locks and simulated fleets (default .quiesce)
  --state URL                 keep locks, audit, drains and status in PostgreSQL
                              (postgres://USER@HOST/DB; or QUIESCE_STATE)
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
  plan: `Usage: quiesce plan [PATH | --git URL [--ref REF] [--path DIR]] [-o|--output text|json|markdown] [--detailed-exitcode] [--from-store] [--state-dir DIR | --state URL]

Observes every server once and prints the steps apply would run, the changes
policy blocks (with the rule and which servers are out), pending services and
errors. Changes nothing.

Options:
${sourceOptions}  -o, --output FORMAT         text (default), json, or markdown (CI job summaries)
  --detailed-exitcode         exit 2 when there are changes
  --from-store                plan from the last observations in the state store
                              (with their age and observer); no server is contacted
${commonOptions}
Exit codes: 0 no changes, 1 error, 2 changes (only with --detailed-exitcode),
3 some change blocked by policy, 64 usage error.
`,
  apply: `Usage: quiesce apply [PATH | --git URL [--ref REF] [--path DIR]] [--wait [--timeout DURATION]] [--concurrency N] [--lock-timeout DURATION] [-o|--output text|json] [--state-dir DIR | --state URL]
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
  --lock-timeout DURATION     wait this long for another apply's pool lock (default 0)
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
  --listen ADDR               serve the status page, /api/status, /metrics,
                              /healthz, /readyz on ADDR (such as 127.0.0.1:9464);
                              beyond loopback QUIESCE_HTTP_TOKEN must be set
${commonOptions}`,
  history: `Usage: quiesce history [--pool P] [--server S] [--since DURATION] [-o|--output text|json] [--state-dir DIR | --state URL]

Who changed what, when, from which commit: the audit records of the state
store, oldest first. A pause shows how long the service stayed out of
rotation (until its resume), or how long it has been out so far.

Options:
  --pool P                    only this pool
  --server S                  only this server
  --since DURATION            only the last DURATION (24h, 7d)
  -o, --output FORMAT         text (default) or json
  --state-dir DIR             the folder store (default .quiesce)
  --state URL                 the PostgreSQL store (or QUIESCE_STATE)
${commonOptions}
Exit codes: 0 ok, 1 the store cannot be read, 64 usage error.
`,
  unlock: `Usage: quiesce unlock POOL --force --id ID [--state-dir DIR | --state URL]

Releases the pool's lock when its holder cannot be reached (a CI job that was
cancelled with its runner, a machine that is gone). ID is the lock id that
apply printed when it was refused. With PostgreSQL the holder's session is
ended, so a holder that is still alive stops before its next step. Audited.

Options:
  --force                     required: say that you mean it
  --id ID                     the lock id to release (must match the holder's)
  --state-dir DIR             the folder store (default .quiesce)
  --state URL                 the PostgreSQL store (or QUIESCE_STATE)
${commonOptions}
Exit codes: 0 released, 1 no such lock or the store cannot be reached, 64 usage error.
`,
  serve: `Usage: quiesce serve [--listen ADDR] [--state-dir DIR | --state URL] [--interval DURATION]

Serves what apply and watch recorded in the state store (each pool as its
last run saw it: servers, sessions, blocked reasons, maintenance rounds and
windows), without reconciling: the status page (/), /events, /api/status,
/metrics, /healthz, /readyz. A fleet applied only from CI shows too.
Read-only. Loopback by default; another address only with QUIESCE_HTTP_TOKEN
set (clients send Authorization: Bearer <token>, browsers open /?token=<token>
once).

Options:
  --listen ADDR               address to listen on (default 127.0.0.1:9464)
  --state-dir DIR             folder store to read (default .quiesce)
  --state URL                 PostgreSQL store to read (or QUIESCE_STATE)
  --interval DURATION         how often to re-read it (default 2s)
${commonOptions}
Exit codes: 0 stopped by a signal, 1 cannot listen or open the store, 64 usage error.
`,
  status: `Usage: quiesce status [PATH | --git URL [--ref REF] [--path DIR]] [-o|--output text|json] [--state-dir DIR]

One row per service: desired mode, health (Active, Draining, Drained, Paused,
Stalled, Degraded, Unknown), open sessions, status/startup type and sync.

Options:
${sourceOptions}  -o, --output FORMAT         text (default) or json
${commonOptions}
Exit codes: 0 ok, 1 some server could not be read or invalid input, 64 usage error.
`,
};
