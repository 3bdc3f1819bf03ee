// Group commit: calls made while a statement is in flight go together in the next one (one round trip).
import { err, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';

/**
 * Wraps `run` (one statement for many items, returning one result per item, in order) so that each call
 * resolves with its own item's result; one statement in flight at a time, the first one sent once the
 * calls made in the same tick have joined it.
 */
export function grouped<T, R>(
  run: (items: T[]) => Promise<Result<R[], StateError>>,
): (item: T) => Promise<Result<R, StateError>> {
  let queue: { item: T; done: (result: Result<R, StateError>) => void }[] = [];
  let running = false;
  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const results = await run(batch.map((waiting) => waiting.item));
      for (const [i, waiting] of batch.entries())
        waiting.done(results.map((list) => list[i] as R).orElse((error) => err(error)));
    }
    running = false;
  };
  return (item) =>
    new Promise((done) => {
      queue.push({ item, done });
      if (running) return;
      running = true;
      queueMicrotask(() => void flush()); // after the caller's other calls of this tick
    });
}
