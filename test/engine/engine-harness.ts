// An engine over the simulated driver and the folder store in a temp dir: the config, a source, and openEngine.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../../reconciler/engine/config.ts';
import { type Engine, openEngine } from '../../reconciler/engine/open-engine.ts';
import type { DesiredSource, SourceRead } from '../../reconciler/loop/index.ts';
import type { DesiredState, PoolSpec } from '../../reconciler/model.ts';
import { desired } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

/** A config for tests: folder store in `stateDir`, no retry waits, a clock the test can move. */
export function testConfig(stateDir: string, over: Partial<EngineConfig> = {}): EngineConfig {
  return {
    store: { folder: stateDir },
    stateDir,
    locks: true,
    concurrency: 4,
    retry: { attempts: 2, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
    now: Date.now,
    actor: { host: 'test-host', pid: 4242, command: 'apply', ciJobUrl: null },
    gateRecheckMs: 30_000,
    gateTimeoutMs: 60_000,
    sessionSeconds: 3,
    env: {},
    warn: () => {},
    ...over,
  };
}

/** A source that always reads `read` (a valid desired state at revision r1 by default). */
export function fixedSource(read: SourceRead | DesiredState): DesiredSource {
  const value: SourceRead =
    'kind' in read
      ? read
      : { kind: 'valid', desired: read, revision: { id: 'r1', author: null, subject: null } };
  return { describe: 'test-source', watchPath: null, read: async () => value };
}

/** A temp state dir whose simulated world runs every server of `pool` with no sessions. */
export function worldOf(pool: PoolSpec): string {
  const dir = tempTree({});
  const servers = Object.fromEntries(
    pool.servers.map((s) => [s.name, runningServer(pool.services, runningService(0))]),
  );
  writeWorld(dir, pool.name, { servers });
  return dir;
}

/** Opens an engine on `pool` in `dir`; throws (a test bug) when it cannot. */
export async function engineOn(
  pool: PoolSpec,
  dir: string,
  over: Partial<EngineConfig> = {},
): Promise<Engine> {
  const opened = await openEngine(fixedSource(desired(pool)), testConfig(dir, over));
  if (opened.isErr()) throw new Error(`cannot open the engine: ${JSON.stringify(opened.error)}`);
  return opened.value;
}

/** Makes `dir/name` a file (a state dir that cannot be used). */
export function fileAt(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, 'not a folder');
  return path;
}
