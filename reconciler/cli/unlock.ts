// `quiesce unlock POOL --force --id ID`: release a lock whose holder cannot be reached (audited).
import { describeActor } from '../actor.ts';
import { unlock as unlockPool } from '../engine/unlock.ts';
import type { OptionTable, ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { engineConfig } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import type { Io } from './io.ts';
import { storeOptions } from './options.ts';
import { usageError } from './usage-error.ts';

/** Options `unlock` takes. */
export const unlockOptions = {
  force: { type: 'boolean', help: 'required: say that you mean it', required: true },
  id: {
    type: 'string',
    value: 'ID',
    help: "the lock id to release (must match the holder's)",
    required: true,
  },
  ...storeOptions,
} satisfies OptionTable;

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

/** `quiesce unlock` for main.ts's command list. */
export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'release a lock whose holder is gone (audited)',
  positionals: [{ name: 'POOL', help: 'the pool whose lock to release' }],
  options: unlockOptions,
  about: `Releases the pool's lock when its holder cannot be reached (a CI job that was
cancelled with its runner, a machine that is gone). ID is the lock id that
apply printed when it was refused. With PostgreSQL the holder's session is
ended, so a holder that is still alive stops before its next step. Audited.`,
  exitCodes: [
    [0, 'released'],
    [1, 'no such lock or the store cannot be reached'],
  ],
  run: unlock,
};
