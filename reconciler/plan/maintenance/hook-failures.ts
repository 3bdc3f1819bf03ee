// What a round's failed hooks add to the plan: an error (exit 1) per server, saying how to retry.
import type { PlanError } from '../plan-types.ts';
import { quotedOutputText } from './output-lines.ts';
import type { Round } from './round-types.ts';

/**
 * How the retry command is printed so that it works as printed: the arguments after `SERVER` that the failing
 * run used (its desired-state PATH or --git, its state flags), and whether a watcher runs the pool (stop it first).
 */
export interface RetryHint {
  args: readonly string[];
  watcher: boolean;
}

/** A word as a POSIX shell reads it back: quoted only when it has to be. */
const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/** `quiesce apply --retry-hook POOL SERVER [ARGS]`, with a word about a watcher when one runs the pool. */
export function retryCommand(pool: string, server: string, hint?: RetryHint): string {
  const args = (hint?.args ?? []).map(shellWord).join(' ');
  const command = `quiesce apply --retry-hook ${shellWord(pool)} ${shellWord(server)}${args === '' ? '' : ` ${args}`}`;
  return hint?.watcher
    ? `${command} (stop quiesce watch first: it holds pool ${pool}'s lock while it reconciles; start it again after)`
    : command;
}

/** One HookFailed error per server of the round whose hook failed, in the round's order. */
export function hookFailures(round: Round, hint?: RetryHint): PlanError[] {
  return round.servers.flatMap(({ name, phase }): PlanError[] => {
    if (phase.phase !== 'stalled' || phase.reason !== 'hook-failed') return [];
    const output = quotedOutputText(phase.hook?.tail);
    return [
      {
        pool: round.pool,
        server: name,
        service: null,
        kind: 'HookFailed',
        message: `round ${round.id}: ${phase.message}${output === null ? '' : ` (last output: ${output})`}; ${name} stays drained and the round is stopped. Fix the cause, then run ${retryCommand(round.pool, name, hint)}`,
      },
    ];
  });
}
