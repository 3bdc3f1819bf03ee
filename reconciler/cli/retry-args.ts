// The arguments a printed retry command needs to work as printed: this run's source and state flags.
import { resolve } from 'node:path';
import type { ParsedArgs } from './args.ts';
import type { Io } from './io.ts';

/** A store URL without its password (PGPASSWORD, or the operator's own, supplies it). */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1@');
  }
}

/**
 * `--wait`, `PATH` made absolute (or `--git URL --ref REF --path DIR`), `--state-dir DIR` made absolute, and `--state URL`
 * without its password when a store URL is in use. `path` is the command's PATH positional, if any.
 */
export function retryArgsOf(args: ParsedArgs, env: Io['env'], path: string | undefined): string[] {
  // --wait: the retried hook runs, its server returns and the round goes on, in one command.
  const out: string[] = ['--wait'];
  if (typeof args.values.git === 'string') {
    out.push('--git', args.values.git, '--ref', String(args.values.ref ?? 'main'));
    out.push('--path', String(args.values.path ?? 'desired-state'));
  } else out.push(resolve(path ?? 'desired-state'));
  out.push('--state-dir', resolve(String(args.values['state-dir'] ?? '.quiesce')));
  const url = typeof args.values.state === 'string' ? args.values.state : env.QUIESCE_STATE;
  if (url !== undefined && url !== '') out.push('--state', withoutPassword(url));
  return out;
}
