// What every fault-of-the-shared-database test runs: `apply --wait` of 200 simulated servers (100 draining)
// on a PostgreSQL cluster of its own, a fault injected mid-run, and the checks that follow it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { runningServer, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { exited, quiesce } from '../helpers/harnesses/child-cli.ts';
import { type PgCluster, privatePostgresCluster } from '../helpers/harnesses/postgres.ts';

export const SERVERS = Array.from({ length: 200 }, (_, i) => `srv${String(i).padStart(3, '0')}.x`);
/** Every other server drains; the budget allows exactly those. */
export const DRAINING = SERVERS.filter((_, i) => i % 2 === 0);
const BUDGET = DRAINING.length;
/** Servers worked on at once: enough that steps (and their writes) are always in flight when the fault hits. */
export const CONCURRENCY = 16;

/** One audit row as the test reads it back. */
export interface AuditRow {
  id: number;
  server: string;
  service: string;
  action: string;
  outcome: string;
  time: number;
  durationMs: number;
}

/** A simulated service as the fleet file holds it after the run. */
interface SimState {
  status: string;
  since?: number;
}

/** A 200-server pool, its world (20 ms a call, 2 sessions each that end within ~1 s), and a fresh database. */
export async function faultRun(cluster?: PgCluster, query = '') {
  const pg1 = cluster ?? (await privatePostgresCluster());
  const url = await pg1.freshDatabase();
  // The schema is there before the run (as for every run after the first), so the test can poll the audit.
  const migrated = await openPostgresStore({ url });
  if (migrated.isErr()) throw new Error(migrated.error.message);
  await migrated.value.close();
  const lines = SERVERS.map((s) => `    ${s}: ${DRAINING.includes(s) ? 'draining' : 'active'}`);
  const desired = tempTree({
    'p.yaml': `apiVersion: quiesce/v1
kind: Pool
metadata:
  name: p
spec:
  target:
    driver: simulated
  loadBalancing: dns
  services: [RTCSRV]
  budget:
    maxUnavailable: ${BUDGET}
  servers:
${lines.join('\n')}
`,
  });
  const state = tempTree();
  writeWorld(state, 'p', {
    servers: Object.fromEntries(
      SERVERS.map((s) => [
        s,
        runningServer(
          ['RTCSRV'],
          { status: 'Running', startType: 'Automatic', canPause: true, sessions: 2 },
          20,
        ),
      ]),
    ),
  });
  const sql = async <R = Record<string, unknown>>(text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as R[];
    } finally {
      await client.end();
    }
  };
  /** `quiesce apply --wait` as a child process; resolves with its exit code and output. */
  const apply = (extra: Record<string, string> = {}) => {
    const child = quiesce(
      [
        'apply',
        desired,
        '--wait',
        '--timeout',
        '2m',
        '--concurrency',
        String(CONCURRENCY),
        '--state-dir',
        state,
        '--state',
        `${url}${query}`,
      ],
      { QUIESCE_SIM_SESSION_SECONDS: '0.3', ...extra },
    );
    return {
      child,
      output: child.output,
      done: exited(child).then((code) => ({ code, output: child.output() })),
    };
  };
  /** The audit, in the order it was written. */
  const audit = async (): Promise<AuditRow[]> =>
    (
      await sql<{ id: string; record: Record<string, unknown> }>(
        'select id, record from quiesce_audit order by id',
      )
    ).map(({ id, record }) => ({
      id: Number(id),
      server: String(record.server),
      service: String(record.service),
      action: String(record.action),
      outcome: String(record.outcome),
      time: Date.parse(String(record.time)),
      durationMs: Number(record.durationMs),
    }));
  /** Audit rows so far (polled while the run goes). */
  const count = async () =>
    Number((await sql<{ n: string }>('select count(*) as n from quiesce_audit'))[0]?.n ?? 0);
  /** The world after the run: each service's status and when the driver last changed it. */
  const world = (): Map<string, SimState> => {
    const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8')) as {
      servers: Record<string, { services: { RTCSRV: SimState } }>;
    };
    return new Map(Object.entries(fleet.servers).map(([s, v]) => [s, v.services.RTCSRV]));
  };
  return { cluster: pg1, url, desired, state, sql, apply, audit, count, world };
}

/** Polls `check` every 20 ms for up to `ms`. */
export async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The fence held: the driver changed no service after `lostAt` + one step in flight (`graceMs`), and every
 * change the driver made is in the audit (the step that left each service as it is has its row).
 */
export function assertFenced(
  world: Map<string, SimState>,
  audit: AuditRow[],
  lostAt: number,
  graceMs: number,
) {
  const late = [...world].filter(([, s]) => s.since !== undefined && s.since > lostAt + graceMs);
  assert.equal(
    late.map(([server, s]) => `${server} ${s.status} ${s.since! - lostAt} ms after the loss`),
    [],
    'no step after the lock was lost',
  );
  const ok = new Map<string, AuditRow[]>();
  for (const row of audit.filter((r) => r.outcome === 'ok'))
    ok.set(row.server, [...(ok.get(row.server) ?? []), row]);
  // The control that leaves a service in each state (set-startup-type leaves no time in the world).
  const made: Record<string, string> = { Paused: 'pause', Stopped: 'stop', Running: 'resume' };
  const unrecorded = [...world]
    .filter(([, s]) => s.since !== undefined)
    .filter(([server, s]) => {
      // The step that made this state ran at `since` (the driver's clock); its row starts at or before it.
      const since = s.since as number;
      const rows = (ok.get(server) ?? []).filter((r) => r.action === made[s.status]);
      return !rows.some((r) => r.time <= since && r.time + r.durationMs + 50 >= since);
    });
  assert.equal(
    unrecorded.map(([server, s]) => `${server} ${s.status} at ${s.since}`),
    [],
    'every change the driver made has its audit row',
  );
}

/** The job is done: every draining server's service is out, every other one Running and never stepped. */
export function assertFinished(world: Map<string, SimState>, audit: AuditRow[]) {
  const active = audit.filter((r) => !DRAINING.includes(r.server)).map((r) => r.server);
  assert.equal(active, [], 'no active server was stepped (the budget held)');
  const wrong = SERVERS.filter((s) => {
    const status = world.get(s)?.status;
    return DRAINING.includes(s) ? status === 'Running' : status !== 'Running';
  });
  assert.equal(wrong, [], 'draining servers out, the others running');
  const out = [...world.values()].filter((s) => s.status !== 'Running').length;
  assert.ok(out <= BUDGET, `${out} unavailable with maxUnavailable ${BUDGET}`);
}
