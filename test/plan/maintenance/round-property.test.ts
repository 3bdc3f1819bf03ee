// Property: whatever order actions run in, whenever quiesce crashes, the budget is never exceeded,
// and an eager applier finishes every round with each server done once.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget, ServerObservation } from '../../../reconciler/model.ts';
import { deriveRound } from '../../../reconciler/plan/maintenance/round.ts';
import { newRecord, type RoundRecord } from '../../../reconciler/plan/maintenance/round-types.ts';
import { budgetLimit } from '../../../reconciler/plan/policy/budget-limit.ts';
import { roundMessage } from '../../../reconciler/report/phase-text.ts';
import { pool, servers } from '../../helpers/builders/fleet.ts';

type Status = 'Running' | 'Paused' | 'Stopped';
interface Node {
  status: Status;
  manual: boolean;
  sessions: number;
}

const budgets: fc.Arbitrary<Budget> = fc.oneof(
  fc
    .integer({ min: 1, max: 3 })
    .map((value): Budget => ({ kind: 'maxUnavailable', count: { kind: 'absolute', value } })),
  fc
    .integer({ min: 1, max: 4 })
    .map((value): Budget => ({ kind: 'minActive', count: { kind: 'absolute', value } })),
  fc.constant<Budget>({ kind: 'quorum', preset: 'lync2013' }),
);

const config = fc.record({
  size: fc.integer({ min: 2, max: 12 }),
  budget: budgets,
  declaredDraining: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 2 }),
  settleMs: fc.constantFrom(0, 1_000),
  gates: fc.boolean(),
});

type Config = {
  size: number;
  budget: Budget;
  declaredDraining: number[];
  settleMs: number;
  gates: boolean;
};

/** A simulated world and store that an applier drives by the derivation's actions. */
function world(cfg: Config) {
  const p = pool('p', servers(cfg.size, cfg.declaredDraining), { budget: cfg.budget });
  p.maintenance = {
    id: 'R1',
    servers: p.servers.map((s) => s.name),
    run: ['/bin/true'],
    timeoutMs: 60_000,
    settleMs: cfg.settleMs,
    gates: cfg.gates ? [{ kind: 'command', argv: ['/bin/true'] }] : [],
  };
  const nodes = new Map<string, Node>(
    p.servers.map((s) => [
      s.name,
      s.mode === 'draining'
        ? { status: 'Paused', manual: true, sessions: 0 }
        : { status: 'Running', manual: false, sessions: 3 },
    ]),
  );
  const records = new Map<string, RoundRecord>();
  const live = new Set<string>();
  const gates = new Map<string, { state: 'go' | 'wait'; message: string; at: number }>();
  const doneCount = new Map<string, number>();
  let now = 1_000_000;
  const observed = () =>
    new Map<string, ServerObservation>(
      p.servers.map((s) => {
        const n = nodes.get(s.name)!;
        return [
          s.name,
          {
            ok: true,
            services: [
              {
                name: 'RTCSRV',
                status: n.status,
                startType: n.manual ? 'Manual' : 'Automatic',
                canPause: true,
                sessions: n.sessions,
                since: 0,
              },
            ],
          },
        ];
      }),
    );
  const derive = () =>
    deriveRound({
      pool: p,
      observed: observed(),
      records,
      window: { allowed: true, until: null, zone: null, text: '' },
      gates,
      liveHooks: live,
      now,
    });
  const record = (server: string) => {
    let r = records.get(server);
    if (r === undefined) {
      r = newRecord('p', 'R1', server);
      records.set(server, r);
    }
    return r;
  };
  const limit = budgetLimit(p.budget, p.servers.length);
  /** Servers out of rotation in the budget's scope: not Running, or taken out by the round and not back. */
  const out = () =>
    p.servers.filter((s, i) => {
      if (i >= limit.scope) return false;
      const r = records.get(s.name);
      const taken =
        r?.drainStartedAt != null &&
        r.doneAt === null &&
        !(r.hook?.ok && nodes.get(s.name)!.status === 'Running');
      return nodes.get(s.name)!.status !== 'Running' || taken;
    }).length;
  const initiallyOut = out();
  return {
    p,
    limit,
    initiallyOut,
    out,
    derive,
    doneCount,
    /** Runs one action of the derivation. */
    act(action: ReturnType<typeof derive>['actions'][number], gateGo: boolean) {
      const r = record(action.server);
      if (action.kind === 'start-drain') r.drainStartedAt = now;
      if (action.kind === 'check-gates')
        gates.set(action.server, { state: gateGo ? 'go' : 'wait', message: 'Busy', at: now });
      if (action.kind === 'run-hook') {
        r.hookStartedAt = now;
        r.attempts++;
        live.add(action.server);
      }
      if (action.kind === 'record-done') {
        r.doneAt = now;
        doneCount.set(action.server, (doneCount.get(action.server) ?? 0) + 1);
      }
      if (action.kind === 'start-drain') gates.delete(action.server);
    },
    /** The world moves: the planner applies the modes, sessions end, hooks finish (or quiesce dies). */
    tick(rollout: ReturnType<typeof derive>, choice: number) {
      now += 500;
      for (const [server, mode] of rollout.modes) {
        const n = nodes.get(server)!;
        if (mode === 'draining' && n.status === 'Running')
          Object.assign(n, { status: 'Paused', manual: true });
        if (mode === 'active' && n.status !== 'Running')
          Object.assign(n, { status: 'Running', manual: false, sessions: 0 });
      }
      for (const n of nodes.values()) if (n.status === 'Paused' && n.sessions > 0) n.sessions--;
      if (choice % 7 === 0) {
        live.clear(); // quiesce killed: hooks without an end are run again
        return;
      }
      for (const server of [...live]) {
        if ((choice + server.length) % 3 === 0) continue; // still running
        live.delete(server);
        const r = record(server);
        r.hookEndedAt = now;
        r.hook = { ok: true, kind: null, exitCode: 0, message: 'ok', tail: [] };
        Object.assign(nodes.get(server)!, { status: 'Stopped', manual: true, sessions: 0 });
      }
    },
  };
}

test('the budget is never exceeded, whatever runs when and however often quiesce dies', () => {
  fc.assert(
    fc.property(
      config,
      fc.array(fc.nat(1000), { minLength: 20, maxLength: 120 }),
      (cfg, choices) => {
        const w = world(cfg);
        const ceiling = Math.max(w.limit.limit, w.initiallyOut);
        for (const choice of choices) {
          const rollout = w.derive();
          assert.ok(rollout.unavailable <= ceiling, `derived ${rollout.unavailable} > ${ceiling}`);
          // Run a random subset of the actions, as a crash between them would.
          rollout.actions.forEach((action, i) => {
            if ((choice >> i) % 2 === 0 || i === 0) w.act(action, choice % 5 !== 0);
          });
          assert.ok(w.out() <= ceiling, `out ${w.out()} > ${ceiling} (${cfg.budget.kind})`);
          w.tick(rollout, choice);
          assert.ok(w.out() <= ceiling, `out ${w.out()} > ${ceiling} after the world moved`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('an eager applier finishes every round, each server done exactly once', () => {
  fc.assert(
    fc.property(config, (cfg) => {
      const w = world(cfg);
      const members = w.p.servers.filter((s) => s.mode === 'active').length;
      for (let step = 0; step < 40 * cfg.size; step++) {
        const rollout = w.derive();
        if (rollout.state === 'done') break;
        for (const action of rollout.actions) w.act(action, true);
        w.tick(rollout, step + 1);
      }
      const final = w.derive();
      // A round can only start when what is already out leaves room for one more.
      if (w.initiallyOut >= w.limit.limit) return;
      assert.is(final.state, 'done', roundMessage(final));
      assert.is(w.doneCount.size, members);
      assert.ok([...w.doneCount.values()].every((n) => n === 1));
    }),
    { numRuns: 200 },
  );
});

test.run();
