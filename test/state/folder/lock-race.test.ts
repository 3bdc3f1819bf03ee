// Real processes racing for the lock at one instant: exactly one holder every time, also over a dead holder.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../../helpers/builders/temp-tree.ts';

const RACERS = 4;
const TRIALS = Number(process.env.LOCK_RACE_TRIALS ?? 20); // raise it to stress the lock locally
const DEAD_PID = 99_999_999; // above Linux's pid_max: never a running process

interface Result {
  kind: 'result';
  pid: number;
  id: string | null;
  error: string;
}

function racers(): { children: ChildProcess[]; ready: Promise<void> } {
  const children = Array.from({ length: RACERS }, () =>
    fork(new URL('../../helpers/harnesses/lock-contender.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const ready = Promise.all(children.map((child) => next(child, 'ready'))).then(() => undefined);
  return { children, ready };
}

function next<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (message: { kind: string }) => {
      if (message.kind !== kind) return;
      child.off('message', on);
      resolve(message as T);
    };
    child.on('message', on);
  });
}

const dead = (id: string) => ({
  id,
  pid: DEAD_PID,
  host: hostname(),
  startedAt: '2026-01-01T00:00:00.000Z',
  command: 'apply',
});

/** One trial: every racer takes the lock at the same instant; returns the holders and the lock file's id. */
async function trial(children: ChildProcess[], prepare: (dir: string) => void) {
  const dir = tempTree({});
  prepare(dir);
  const startAt = Date.now() + 60;
  const results = Promise.all(children.map((child) => next<Result>(child, 'result')));
  for (const child of children) child.send({ kind: 'go', dir, startAt });
  const all = await results;
  const holders = all.filter((r) => r.id !== null);
  const lockId = JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')).id as string | undefined;
  const released = Promise.all(children.map((child) => next(child, 'released')));
  for (const child of children) child.send({ kind: 'release' });
  await released;
  return { holders, lockId, errors: all.map((r) => r.error).filter(Boolean) };
}

test(`lock race: ${RACERS} processes at one instant, ${TRIALS} trials each for a free lock and a dead holder, one holder every time`, async () => {
  const { children, ready } = racers();
  try {
    await ready;
    const scenarios: [string, (dir: string, n: number) => void][] = [
      ['free lock', () => {}],
      [
        'dead holder',
        (dir, n) => {
          writeFileSync(join(dir, 'lock'), JSON.stringify(dead(`dead-holder-${n}`)));
          // every other trial, a taker died mid-takeover too: its marker must be taken over as well
          if (n % 2 === 1)
            writeFileSync(
              join(dir, `lock.takeover.dead-holder-${n}`),
              JSON.stringify(dead(`dead-taker-${n}`)),
            );
        },
      ],
    ];
    for (const [name, prepare] of scenarios) {
      for (let n = 0; n < TRIALS; n++) {
        const { holders, lockId, errors } = await trial(children, (dir) => prepare(dir, n));
        assert.equal(errors, [], `${name} trial ${n}: no racer failed`);
        assert.is(holders.length, 1, `${name} trial ${n}: holders ${JSON.stringify(holders)}`);
        if (lockId !== undefined && !/^\d+$/.test(holders[0]?.id ?? ''))
          assert.is(lockId, holders[0]?.id, `${name} trial ${n}: the lock names its holder`);
      }
    }
  } finally {
    for (const child of children) child.kill();
  }
});

test.run();
