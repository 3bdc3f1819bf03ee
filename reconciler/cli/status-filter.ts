// Checks `status --pool P --server S` against the desired state: a name that matches nothing is a usage error.
import { err, ok, type Result } from 'neverthrow';
import type { DesiredState } from '../model.ts';
import type { StatusFilter } from '../status/index.ts';
import { nearName } from './args.ts';

const single = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** `did you mean 'x'? ` when one name is close, then the names there are (at most ten). */
function hint(word: string, names: readonly string[]): string {
  const near = nearName(word, names);
  const listed = names.length > 10 ? [...names.slice(0, 10), '…'] : names;
  return `${near === null ? '' : `did you mean '${near}'? `}(${listed.join(', ') || 'none declared'})`;
}

/** The filter from --pool and --server, or the message naming what matched nothing and what is close. */
export function statusFilter(
  values: Record<string, unknown>,
  desired: DesiredState,
): Result<StatusFilter, string> {
  const pool = single(values.pool);
  const server = single(values.server);
  const pools = desired.pools.map((p) => p.name);
  if (pool !== undefined && !pools.includes(pool))
    return err(`--pool '${pool}' matches no pool in the desired state; ${hint(pool, pools)}`);
  const servers = desired.pools
    .filter((p) => pool === undefined || p.name === pool)
    .flatMap((p) => p.servers.map((s) => s.name));
  if (server !== undefined && !servers.includes(server))
    return err(
      `--server '${server}' matches no server${pool === undefined ? '' : ` of pool ${pool}`}; ${hint(server, servers)}`,
    );
  return ok({
    ...(pool === undefined ? {} : { pool }),
    ...(server === undefined ? {} : { server }),
  });
}
