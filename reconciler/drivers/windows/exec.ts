// Runs a program with an argument array (never a shell), with a time limit and bounded output.
import { spawn } from 'node:child_process';

/** What a finished (or killed) program produced. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The program could not be started at all (ENOENT, EACCES). */
  spawnError: NodeJS.ErrnoException | null;
}

/** Runs argv[0] with the rest as arguments; kills it after `timeoutMs`; keeps at most `maxBytes` of each stream. */
export function execFile(
  argv: readonly string[],
  timeoutMs: number,
  maxBytes = 8 * 1024 * 1024,
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, {
      shell: false,
      // powershell.exe and sc.exe run without a console window on Windows.
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < maxBytes) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < 64 * 1024) err.push(chunk);
      errBytes += chunk.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      spawnError = error;
    });
    let done = false;
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        spawnError,
      });
    };
    child.on('close', finish);
    // A process it forked (a daemon, a shim's child) may keep our pipes open after it exits: give the
    // streams a moment to drain, then stop waiting for them.
    child.on('exit', (code) => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(code);
      }, 200).unref();
    });
  });
}

/** A bounded, single-line excerpt of stderr with anything that looks like key material removed. */
export function stderrExcerpt(stderr: string, limit = 300): string {
  const lines = stderr
    .split(/\r?\n/)
    .filter(
      (line) =>
        line.trim() !== '' &&
        !/PRIVATE KEY|BEGIN OPENSSH|ssh-(rsa|ed25519|dss) AAAA|ecdsa-sha2-\S+ AAAA|^[A-Za-z0-9+/=]{60,}$/.test(
          line,
        ),
    );
  const text = lines.join(' | ');
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
