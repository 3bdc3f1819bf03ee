// `quiesce unlock POOL --force --id ID`: release a lock whose holder cannot be reached (audited).
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import { storeOptions } from './options.ts';

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
  // Loaded on use: --version, help and the other commands never load what unlock needs.
  run: async (args, io) => (await import('./unlock-run.ts')).unlock(args, io),
};
