// Unwraps neverthrow Results in tests with a readable failure (uvu cannot print neverthrow's own throw).
import type { Result } from 'neverthrow';

/** The value of an Ok, or an Error describing the Err. */
export function value<T, E>(result: Result<T, E>): T {
  if (result.isOk()) return result.value;
  throw new Error(`expected Ok, got Err: ${JSON.stringify(result.error)}`);
}

/** The error of an Err, or an Error describing the Ok. */
export function error<T, E>(result: Result<T, E>): E {
  if (result.isErr()) return result.error;
  throw new Error(`expected Err, got Ok: ${JSON.stringify(result.value).slice(0, 300)}`);
}
