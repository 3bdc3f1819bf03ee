// Watch ownership: the desired state narrowed to the pools this watcher owns in the store, and a
// takeover tick that claims pools nobody holds (a dead watcher's pools within one tick).
import type { DesiredSource } from '../loop/index.ts';
import type { WatcherSession } from '../state/ownership.ts';

/** A source that claims the read pools and keeps only those owned; `tick` re-claims and wakes the loop. */
export function ownedSource(
  source: DesiredSource,
  session: WatcherSession,
  warn: (message: string) => void,
) {
  let pools: string[] = [];
  let owned = '';
  let wake: (() => void) | null = null;
  const claim = async () => {
    const got = await session.claim(pools);
    if (got.isErr()) {
      warn(got.error.message);
      return [];
    }
    return got.value;
  };
  return {
    source: {
      describe: source.describe,
      watchPath: source.watchPath,
      async read() {
        const read = await source.read();
        if (read.kind !== 'valid') return read;
        pools = read.desired.pools.filter((p) => !p.suspend).map((p) => p.name);
        const mine = new Set(await claim());
        owned = [...mine].join(',');
        const desired = {
          ...read.desired,
          pools: read.desired.pools.filter((p) => p.suspend || mine.has(p.name)),
        };
        return { ...read, desired };
      },
    } satisfies DesiredSource,
    /** Receives the loop's wake-up. */
    wake: (request: () => void) => {
      wake = request;
    },
    /** The takeover tick: when the owned pools change, ask for a round. */
    async tick() {
      if (pools.length === 0) return;
      const now = (await claim()).join(',');
      if (now !== owned) wake?.();
    },
  };
}
