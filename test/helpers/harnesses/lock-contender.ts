// A child process for the lock race test: on each message, waits for the shared start instant, takes the lock,
// reports whether it holds it, and keeps holding it until the parent says to let go.
import { acquireLock } from '../../../reconciler/state/folder/index.ts';

interface Go {
  kind: 'go';
  dir: string;
  startAt: number;
}

let release: (() => void) | null = null;

function take(dir: string): string | null {
  const taken = acquireLock(dir, 'race') as unknown as {
    isOk(): boolean;
    value: unknown;
    error: unknown;
  };
  if (!taken.isOk()) return null;
  const value = taken.value as { holder?: { id: string }; release?: () => void } | (() => void);
  // (accepts the old API too, so that the test can be run against the code before the fix)
  release = typeof value === 'function' ? value : (value.release ?? null);
  return typeof value === 'function' ? String(process.pid) : (value.holder?.id ?? '');
}

process.on('message', (message: Go | { kind: 'release' } | { kind: 'exit' }) => {
  if (message.kind === 'exit') process.exit(0);
  if (message.kind === 'release') {
    release?.();
    release = null;
    process.send?.({ kind: 'released' });
    return;
  }
  const spin = () => {
    while (Date.now() < message.startAt) {
      // spin the last few milliseconds so that every racer starts at the same instant
    }
    let id: string | null = null;
    let error = '';
    try {
      id = take(message.dir);
    } catch (thrown) {
      error = String(thrown);
    }
    process.send?.({ kind: 'result', pid: process.pid, id, error });
  };
  setTimeout(spin, Math.max(0, message.startAt - Date.now() - 5));
});
process.send?.({ kind: 'ready' });
