// Retries transient driver errors with exponential backoff and full jitter; never retries terminal ones.
import type { ResultAsync } from 'neverthrow';
import type { DriverError } from '../errors.ts';

/** How retries wait; injectable for tests. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** `call()` until it succeeds, fails terminally, or `attempts` run out. */
export async function withRetry<T>(call: () => ResultAsync<T, DriverError>, policy: RetryPolicy) {
  let result = await call();
  for (
    let attempt = 1;
    attempt < policy.attempts && result.isErr() && result.error.transient;
    attempt++
  ) {
    const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
    await policy.sleep(Math.floor(policy.random() * cap));
    result = await call();
  }
  return result;
}
