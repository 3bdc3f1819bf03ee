// The --concurrency option of apply, watch, plan and status: how many servers are worked on at once, checked in one place.
import { err, ok, type Result } from 'neverthrow';
import type { ParsedArgs } from './args.ts';

/** The most servers worked on at once; more would only open more connections than a fleet needs. */
export const MAX_CONCURRENCY = 1024;

/** --concurrency as a whole number from 1 to MAX_CONCURRENCY (16 when absent), or the usage message. */
export function concurrencyOf(args: ParsedArgs): Result<number, string> {
  const text = String(args.values.concurrency ?? '16');
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < 1 || value > MAX_CONCURRENCY)
    return err(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got '${text}')`);
  return ok(value);
}
