// One query at a time on a dedicated connection (node-postgres deprecates queueing on a busy client).
import type pg from 'pg';

/** Runs `work` with `client` after everything queued before it has finished. */
export function serial(client: pg.Client) {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const run = tail.then(() => work(client));
    tail = run.catch(() => {});
    return run;
  };
}
