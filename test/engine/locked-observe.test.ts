// lockedObserve: apply's first observe runs while its locks are taken, each pool only once its lock is held.
import { err, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { lockedObserve } from '../../reconciler/engine/locked-observe.ts';
import type { PoolLocks } from '../../reconciler/engine/pool-locks.ts';
import { type StateError, stateError } from '../../reconciler/errors.ts';
import { desired, pool, seen, servers } from '../helpers/builders/fleet.ts';

const locks: PoolLocks = { alive: async () => true, release: async () => [] };

/** Pools a (2 servers) and b (2 servers); each observe notes which locks were held when it ran. */
function fleet() {
  const pools = [pool('a', servers(2)), pool('b', servers(2))];
  const held = new Set<string>();
  const observed: { pool: string; server: string; held: string[] }[] = [];
  let first: () => void = () => {};
  const firstObserve = new Promise<void>((resolve) => {
    first = resolve;
  });
  const driverOf = (name: string): Driver => ({
    observe: (server, services) => {
      observed.push({ pool: name, server, held: [...held] });
      first();
      return okAsync(services.map((service) => seen(service)));
    },
    run: () => okAsync(undefined),
    close: async () => {},
  });
  const engine = {
    desired: desired(...pools),
    drivers: new Map(pools.map((p) => [p.name, driverOf(p.name)])),
    config: {
      concurrency: 4,
      retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
    },
  } as unknown as Parameters<typeof lockedObserve>[0];
  return { engine, held, observed, firstObserve };
}

/** Resolves with `value` after `ms`, for a lock that would otherwise wait for ever. */
const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

test("a pool's servers are observed once its lock is held, while the next lock is still being taken", async () => {
  const { engine, held, observed, firstObserve } = fleet();
  const result = await lockedObserve(engine, async (taken) => {
    held.add('a');
    taken('a');
    // b's lock is taken only once a's servers are being observed: apply no longer takes every lock first.
    const overlapped = await Promise.race([firstObserve.then(() => true), after(2_000, false)]);
    if (!overlapped)
      return err(stateError('Io', 'no pool was observed before the last lock was taken'));
    held.add('b');
    taken('b');
    return ok(locks);
  });
  assert.ok(result.locks.isOk(), JSON.stringify(result.locks));
  assert.equal([...(result.observed?.keys() ?? [])], ['a', 'b']);
  assert.equal(result.observed?.get('b')?.size, 2);
  for (const seen of observed)
    assert.ok(seen.held.includes(seen.pool), `${seen.server} observed without its lock`);
  assert.ok(observed.some((seen) => seen.pool === 'a' && !seen.held.includes('b')));
});

test('a lock not taken: the pools after it are not observed, no observation is returned, the error is', async () => {
  const { engine, held, observed } = fleet();
  const refused: Result<PoolLocks, StateError> = err(
    stateError('Locked', 'pool b is locked by apply on host-2 (pid 7)'),
  );
  const result = await lockedObserve(engine, async (taken) => {
    held.add('a');
    taken('a');
    return refused;
  });
  assert.equal(result.locks, refused);
  assert.is(result.observed, null);
  assert.ok(
    observed.every((seen) => seen.pool === 'a'),
    JSON.stringify(observed),
  );
});

test('a locking that throws (a bug) rejects instead of leaving the observes waiting', async () => {
  const { engine } = fleet();
  try {
    await lockedObserve(engine, async () => {
      throw new Error('bug in a store');
    });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.match(String(error), /bug in a store/);
  }
});

test('a lock refused while servers are being observed: returned at once, without waiting for their answers', async () => {
  const pools = [pool('a', servers(2)), pool('b', servers(2))];
  let answer: () => void = () => {};
  const slow = new Promise<void>((resolve) => {
    answer = resolve;
  });
  let asked = 0;
  const driver: Driver = {
    observe: (_server, services) => {
      asked++;
      return ResultAsync.fromSafePromise(slow.then(() => services.map((s) => seen(s))));
    },
    run: () => okAsync(undefined),
    close: async () => {},
  };
  const engine = {
    desired: desired(...pools),
    drivers: new Map(pools.map((p) => [p.name, driver])),
    config: {
      concurrency: 4,
      retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
    },
  } as unknown as Parameters<typeof lockedObserve>[0];
  const result = await Promise.race([
    lockedObserve(engine, async (taken) => {
      taken('a');
      await after(10, null);
      return err(stateError('Locked', 'pool b is locked by apply on host-2 (pid 7)'));
    }),
    after(2_000, 'still waiting for the observes in flight' as const),
  ]);
  answer();
  assert.ok(typeof result === 'object', String(result));
  assert.is(result.observed, null);
  assert.ok(asked > 0, "a's servers were being observed");
});

test.run();
