// Desired state from a git repository: clone once, fetch each tick, check out the commit detached.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { SourceError } from '../../errors.ts';
import type { Revision } from '../../model.ts';
import { redactText, redactUrl } from './redact.ts';

/** Where the desired state lives in git. */
export interface GitSourceOptions {
  url: string;
  ref: string;
  /** Folder inside the repository holding the pool files. */
  path: string;
  stateDir: string;
  /** Kill a git command that is silent this long. Default 60 s. */
  timeoutMs?: number;
  /** The operator's environment (the CLI hands it in); git runs with it, filtered. */
  env: Readonly<Record<string, string | undefined>>;
}

/** A checked-out revision: the folder to load and what it is. */
export interface Checkout {
  dir: string;
  revision: Revision;
}

/** Variables an operator may set for git's own credential and transport handling; other GIT_* are dropped. */
const ALLOWED_ENV = [
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_ASKPASS',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_COUNT',
  ...Array.from({ length: 10 }, (_, i) => [`GIT_CONFIG_KEY_${i}`, `GIT_CONFIG_VALUE_${i}`]).flat(),
];

/** Keys simple-git refuses outright (they can run programs); never passed on. */
const GUARDED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'SSH_ASKPASS', 'PREFIX']);

/** The environment git runs with: the operator's, minus guarded keys, never prompting on a terminal. */
function gitEnv(operator: GitSourceOptions['env']): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(operator)) {
    if (value === undefined || GUARDED.has(key.toUpperCase())) continue;
    if (key.toUpperCase().startsWith('GIT_') && !ALLOWED_ENV.includes(key)) continue;
    env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0' };
}

function classify(error: unknown, url: string): SourceError {
  const text = redactText(String((error as Error)?.message ?? error)).trim();
  const message = `${redactUrl(url)}: ${text.split('\n').filter(Boolean).slice(-3).join(' ').slice(0, 400)}`;
  if (/couldn't find remote ref|not our ref|unknown revision/i.test(text))
    return { kind: 'RefNotFound', message };
  if (
    /authentication failed|permission denied|could not read username|access denied|403/i.test(text)
  )
    return { kind: 'AccessDenied', message };
  if (
    /could not resolve|unable to access|connection (refused|timed out)|does not appear to be a git repository|no such file|not found|timed out|network/i.test(
      text,
    )
  ) {
    return { kind: 'Unreachable', message };
  }
  return { kind: 'Unexpected', message };
}

/** Reads a branch or tag of a remote repository into `<state-dir>/git/<id>/`. */
export class GitSource {
  readonly dir: string;
  readonly display: string;

  constructor(private readonly options: GitSourceOptions) {
    const id = createHash('sha256').update(options.url).digest('hex').slice(0, 12);
    this.dir = join(options.stateDir, 'git', id);
    this.display = `${redactUrl(options.url)}#${options.ref}:${options.path}`;
  }

  /** simple-git on `baseDir`, loaded on first use (a folder source never loads it). */
  private async git(baseDir: string) {
    const { simpleGit } = await import('simple-git');
    return simpleGit({
      baseDir,
      allowEnvironment: ALLOWED_ENV,
      // These variables come from the operator's own environment (never from the repository): a deploy key's
      // GIT_SSH_COMMAND, an askpass helper, config from GIT_CONFIG_* (a CI token as url.<…>.insteadOf, a
      // credential helper). simple-git refuses them unless told.
      unsafe: {
        allowUnsafeSshCommand: true,
        allowUnsafeAskPass: true,
        allowUnsafeConfigPaths: true,
        allowUnsafeConfigEnvCount: true,
        allowUnsafeUrlRewrite: true,
        allowUnsafeCredentialHelper: true,
      },
      timeout: { block: this.options.timeoutMs ?? 60_000 },
    }).env(gitEnv(this.options.env));
  }

  /** Fetches the ref and checks its commit out detached; force-pushes and rewrites are followed. */
  async sync(): Promise<Result<Checkout, SourceError>> {
    const { url, ref, path } = this.options;
    try {
      if (!existsSync(join(this.dir, '.git'))) {
        rmSync(this.dir, { recursive: true, force: true });
        mkdirSync(this.dir, { recursive: true });
        await (await this.git(this.dir)).init().addRemote('origin', url);
      }
      const git = await this.git(this.dir);
      const target = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
      await git.fetch(['--no-tags', '--force', 'origin', `+${target}:refs/quiesce/source`]);
      const sha = (await git.revparse(['refs/quiesce/source^{commit}'])).trim();
      await git.raw(['checkout', '--force', '--detach', sha]);
      await git.raw(['clean', '-ffdxq']);
      const [author = '', subject = ''] = (
        await git.raw(['log', '-1', '--format=%an <%ae>%x00%s', sha])
      )
        .trim()
        .split('\0');
      const name = ref.replace(/^refs\/(heads|tags)\//, '');
      return ok({
        dir: join(this.dir, path),
        revision: { id: `${name}@sha1:${sha}`, author, subject },
      });
    } catch (error) {
      return err(classify(error, url));
    }
  }
}
