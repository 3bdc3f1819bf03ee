// Wiring shared by plan, apply and status: load the desired state, pick drivers, set retry timing.
import { err, ok, type Result } from 'neverthrow';
import type { RetryPolicy } from '../apply/index.ts';
import type { Driver } from '../drivers/driver.ts';
import { createSimulatedDriver, type SimulatedDriver } from '../drivers/simulated/index.ts';
import { loadDesiredState } from '../load/index.ts';
import type { DesiredState } from '../model.ts';
import { issuesText } from '../report/load-issues.ts';
import { createStyle } from '../report/style.ts';
import { colourFor, type Io } from './io.ts';
import { directoryRevision } from './revision.ts';

/** Options every reconciling command shares. */
export const engineOptions = { 'state-dir': { type: 'string' } } as const;

/** A loaded desired state with its drivers. */
export interface Engine {
  desired: DesiredState;
  revision: string;
  drivers: Map<string, Driver>;
  retry: RetryPolicy;
  stateDir: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Loads PATH and creates one driver per pool; prints load issues and returns err(1) when invalid. */
export async function openEngine(
  path: string,
  stateDir: string,
  io: Io,
): Promise<Result<Engine, number>> {
  const loaded = await loadDesiredState([path]);
  if (loaded.isErr()) {
    io.stderr.write(
      issuesText({ ok: false, issues: loaded.error }, createStyle(colourFor(io.stderr, io.env))),
    );
    return err(1);
  }
  const desired = loaded.value;
  const sessionSeconds = Number(io.env.QUIESCE_SIM_SESSION_SECONDS ?? '3');
  const simulated: SimulatedDriver[] = [];
  const drivers = new Map<string, Driver>();
  for (const pool of desired.pools) {
    // Every target is `simulated` until other drivers land (the schema accepts no other).
    const driver = createSimulatedDriver(pool, {
      stateDir,
      sessionSeconds: Number.isFinite(sessionSeconds) && sessionSeconds > 0 ? sessionSeconds : 3,
    });
    simulated.push(driver);
    drivers.set(pool.name, driver);
  }
  return ok({
    desired,
    revision: directoryRevision(path, desired.files),
    drivers,
    retry: { attempts: 4, baseMs: 200, maxMs: 2000, sleep, random: Math.random },
    stateDir,
    async close() {
      await Promise.all(simulated.map((driver) => driver.close()));
    },
  });
}
