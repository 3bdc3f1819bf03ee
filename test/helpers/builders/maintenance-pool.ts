// A pool with a maintenance round over the simulated driver, a hook that "patches and reboots", and readers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAudit } from '../../../reconciler/state/folder/index.ts';
import { tempTree } from './temp-tree.ts';

/** The test hook (test/fixtures/patch-and-reboot.mjs), run by node. */
export const HOOK = [
  process.execPath,
  join(import.meta.dirname, '../../fixtures/patch-and-reboot.mjs'),
];

export interface RoundOptions {
  servers: number;
  budget?: string;
  settle?: string;
  gates?: string;
  windows?: string;
  hookMs?: number;
  id?: string;
}

/** `spec.windows`: allow 22:00–04:00 Berlin time, every night (RoundOptions.windows). */
export const NIGHTLY_BERLIN =
  '  windows:\n    - {kind: allow, schedule: "0 22 * * *", duration: 6h, timezone: Europe/Berlin}\n';

/** The environment that sets quiesce's clock (rounds and windows) to `iso`. */
export const clockAt = (iso: string) => ({
  QUIESCE_CLOCK_OFFSET_MS: String(Date.parse(iso) - Date.now()),
});

/** Server names fe01.x … feNN.x. */
export const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `fe${String(i + 1).padStart(2, '0')}.x`);

/** The pool file text. */
export function roundYaml(o: RoundOptions): string {
  const run = JSON.stringify([...HOOK, '{server}']);
  return `apiVersion: quiesce/v1
kind: Pool
metadata: {name: p}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
  budget: {${o.budget ?? 'maxUnavailable: 1'}}
  maintenance:
    id: ${o.id ?? 'CHG0042'}
    servers: all
    run: ${run}
    timeout: 1m
${o.settle ? `    settle: ${o.settle}\n` : ''}${o.gates ? `    gates: ${o.gates}\n` : ''}${o.windows ?? ''}  servers:
${names(o.servers)
  .map((s) => `    ${s}: active`)
  .join('\n')}
`;
}

/** A desired-state tree, a state dir with a fleet (one session per service), and the hook's environment. */
export function round(o: RoundOptions) {
  const tree = tempTree({ 'p.yaml': roundYaml(o) });
  const service = {
    status: 'Running',
    startType: 'Automatic',
    canPause: true,
    sessions: 1,
    load: 1,
  };
  const fleet = {
    servers: Object.fromEntries(
      names(o.servers).map((s) => [
        s,
        {
          fault: null,
          latencyMs: 0,
          services: { RTCSRV: { ...service }, RTCMEDSRV: { ...service } },
        },
      ]),
    ),
  };
  const state = tempTree({ 'simulated/p.json': JSON.stringify(fleet) });
  const log = join(state, 'hook.log');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    QUIESCE_SIM_SESSION_SECONDS: '0.05',
    HOOK_STATE_DIR: state,
    HOOK_LOG: log,
    HOOK_MS: String(o.hookMs ?? 200),
  };
  return { tree, state, log, env, servers: names(o.servers) };
}

/** `quiesce apply --retry-hook p SERVER --wait` on the round's tree and state dir. */
export const retryHookArgs = (r: { state: string; tree: string }, server: string) => [
  'apply',
  '--retry-hook',
  'p',
  server,
  '--wait',
  '--timeout',
  '1m',
  '--state-dir',
  r.state,
  r.tree,
];

/** The world: per server, its services' status and startup type. */
export function world(state: string): Record<string, { status: string; startType: string }[]> {
  const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(
      fleet.servers as Record<
        string,
        { services: Record<string, { status: string; startType: string }> }
      >,
    ).map(([name, server]) => [
      name,
      Object.values(server.services).map(({ status, startType }) => ({ status, startType })),
    ]),
  );
}

/** Writes the pool's readiness (what Get-CsPoolUpgradeReadinessState answers) into the fleet file. */
export function setReadiness(state: string, readiness: string): void {
  const path = join(state, 'simulated', 'p.json');
  const fleet = JSON.parse(readFileSync(path, 'utf8'));
  writeFileSync(path, JSON.stringify({ ...fleet, readiness }));
}

/** Hook log lines: [what, server, ms]. */
export function hookLog(log: string): [string, string, number][] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [what, server, at] = line.split(' ');
      return [what as string, server as string, Number(at)];
    });
}

/** Audit entries of the round's own actions (read as quiesce reads the log: a line still being written is skipped). */
export function roundAudit(state: string): { action: string; server: string; outcome: string }[] {
  const path = join(state, 'audit.jsonl');
  if (!existsSync(path)) return [];
  return parseAudit(readFileSync(path, 'utf8')).entries.filter(
    (e) => 'service' in e && e.service === 'maintenance',
  ) as unknown as { action: string; server: string; outcome: string }[];
}

/** Every service of every server Running and Automatic. */
export const allBack = (state: string) =>
  Object.values(world(state)).every((services) =>
    services.every((s) => s.status === 'Running' && s.startType === 'Automatic'),
  );
