// `--listen` and QUIESCE_HTTP_TOKEN for watch and serve: where to serve and with which token.
import { err, ok, type Result } from 'neverthrow';
import type { ListenConfig } from '../engine/watch-surfaces.ts';
import { isLoopback, parseListen } from '../serve/index.ts';
import type { ParsedArgs } from './args.ts';
import type { Io } from './io.ts';

export type { ListenConfig } from '../engine/watch-surfaces.ts';

/** `--listen` and QUIESCE_HTTP_TOKEN: loopback by default; another address only with a token. */
export function listenConfigOf(
  args: ParsedArgs,
  env: Io['env'],
  fallback: string | null,
): Result<ListenConfig | null, string> {
  const text = args.values.listen === undefined ? fallback : String(args.values.listen);
  if (text === null) return ok(null);
  const address = parseListen(text);
  if (typeof address === 'string') return err(address);
  const token = env.QUIESCE_HTTP_TOKEN || null;
  if (!isLoopback(address.host) && token === null)
    return err(
      `--listen ${text} is reachable from other machines: set QUIESCE_HTTP_TOKEN to a long random token (clients send Authorization: Bearer <token>), or listen on 127.0.0.1`,
    );
  return ok({ address, token });
}
