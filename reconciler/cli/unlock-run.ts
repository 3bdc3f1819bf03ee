// What `quiesce unlock` does; its descriptor (options, help) is unlock.ts, and main loads this file on use.
import { describeActor } from '../actor.ts';
import { unlock as unlockPool } from '../engine/unlock.ts';
import type { ParsedArgs } from './args.ts';
import { engineConfig } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import type { Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Releases the lock; returns the exit code. */
export async function unlock(args: ParsedArgs, io: Io): Promise<number> {
  const [pool, ...extra] = args.positionals;
  if (pool === undefined || extra.length > 0)
    return usageError(io, 'unlock', 'takes one POOL: quiesce unlock POOL --force --id ID');
  if (typeof args.values.id !== 'string' || args.values.id === '')
    return usageError(io, 'unlock', '--id ID is required (the lock id apply printed)');
  if (args.values.force !== true)
    return usageError(
      io,
      'unlock',
      '--force is required: releasing a lock lets another apply run while the holder may still be stepping',
    );
  const freed = await unlockPool(engineConfig(args, io, 'unlock'), pool, args.values.id);
  if (freed.isErr()) return engineFailure(io, 'unlock', freed.error);
  io.stdout.write(
    `released the lock of pool ${pool} held by ${describeActor(freed.value)} since ${freed.value.since}; recorded in the audit\n`,
  );
  return ExitCode.ok;
}
