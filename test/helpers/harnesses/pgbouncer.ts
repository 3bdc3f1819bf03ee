// Debian's PgBouncer in front of a test PostgreSQL: started by the test on a loopback port as an
// unprivileged user, in the pool mode asked for, stopped by the test (or when the process exits).
import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './haproxy.ts';
import { PG_PASSWORD, PG_USER, type PgCluster } from './postgres.ts';

const BINARY = '/usr/sbin/pgbouncer';

/** A running PgBouncer: the URL of `database` through it, and how to stop it. */
export interface Bouncer {
  port: number;
  url(database: string): string;
  stop(): Promise<void>;
}

/** Starts PgBouncer in `mode` in front of `cluster` (over its unix socket); fails loudly if not installed. */
export async function startPgBouncer(
  cluster: PgCluster,
  mode: 'session' | 'transaction',
): Promise<Bouncer> {
  if (!existsSync(BINARY))
    throw new Error(
      "PgBouncer is not installed (no /usr/sbin/pgbouncer); .ci/run installs Debian's pgbouncer",
    );
  const dir = mkdtempSync(join(tmpdir(), 'quiesce-pgbouncer-'));
  const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const port = await freePort();
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(join(dir, 'users.txt'), `"${PG_USER}" "${PG_PASSWORD}"\n`);
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${cluster.socketDir} port=${cluster.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      "unix_socket_dir = ''",
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'users.txt')}`,
      `pool_mode = ${mode}`,
      // PgBouncer passes on only a few startup parameters; node-postgres sends statement_timeout.
      'ignore_startup_parameters = statement_timeout',
      'default_pool_size = 100',
      'max_client_conn = 400',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  if (user.uid !== undefined) {
    chownSync(dir, user.uid, user.gid);
    for (const file of ['users.txt', 'pgbouncer.ini'])
      chownSync(join(dir, file), user.uid, user.gid);
  }
  const child: ChildProcess = spawn(BINARY, [ini], {
    ...user,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  // Neither the process nor its stderr pipe keeps the tests running: one never stopped (the contract
  // suite's) is killed when the process exits.
  child.unref();
  (child.stderr as (typeof child.stderr & { unref?: () => void }) | null)?.unref?.();
  const kill = () => child.kill('SIGINT');
  process.on('exit', kill);
  const url = (database: string) =>
    `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      const log = existsSync(join(dir, 'pgbouncer.log'))
        ? readFileSync(join(dir, 'pgbouncer.log'), 'utf8')
        : '';
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`pgbouncer did not start: ${error}\n${stderr}${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    port,
    url,
    async stop() {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) {
        child.ref();
        await new Promise((resolve) => {
          child.once('exit', resolve);
          kill();
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
