// A real PostgreSQL for tests: initdb in a temp folder as an unprivileged user, a unix socket and a
// loopback port, one fresh database per test, stopped when the process exits. Fails loudly if missing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './haproxy.ts';

/** The test superuser and its password (the password is what redaction tests look for). */
export const PG_USER = 'quiesce';
export const PG_PASSWORD = 'S3cr3t-pw.4/tests';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  if (which.status === 0 && found !== '') return join(found, '..');
  throw new Error(
    "PostgreSQL is not installed (no initdb): these tests need a real server; .ci/run installs Debian's postgresql",
  );
}

/** Runs as `nobody` when we are root (PostgreSQL refuses root); as ourselves otherwise. */
const asUser = () => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {});

/** A running test cluster. */
export interface PgCluster {
  port: number;
  socketDir: string;
  /** A URL (with password) to a new, empty database. */
  freshDatabase(): Promise<string>;
  /** The same database's URL without the password in it. */
  urlFor(database: string, password?: string | null): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: SIGINT to the postmaster (fast shutdown: sessions ended), then start again. */
  restart(): Promise<void>;
  /** SIGSTOP the postmaster and its backends (a partition as clients see it); `thaw` sends SIGCONT. */
  freeze(): number[];
  thaw(): void;
}

let cluster: Promise<PgCluster> | null = null;
let counter = 0;

/** The process's shared cluster, started on first use. */
export function postgresCluster(): Promise<PgCluster> {
  cluster ??= startCluster();
  return cluster;
}

/** A cluster of the caller's own (for faults that stop, restart or freeze it); stopped at process exit. */
export function privatePostgresCluster(): Promise<PgCluster> {
  return startCluster();
}

/** The postmaster's children (its backends and auxiliary processes), from /proc. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function startCluster(): Promise<PgCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'quiesce-pg-'));
  const user = asUser();
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'pw'), PG_PASSWORD);
  if (user.uid !== undefined) chownSync(join(dir, 'pw'), user.uid, user.gid);
  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      PG_USER,
      `--pwfile=${join(dir, 'pw')}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '-N',
      '--no-instructions',
    ],
    { ...user, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let server: ChildProcess | null = null;
  let frozen: number[] = [];
  const kill = () => {
    for (const each of frozen) {
      try {
        process.kill(each, 'SIGCONT');
      } catch {
        // ended meanwhile
      }
    }
    server?.kill('SIGQUIT');
  };
  process.on('exit', () => {
    kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const urlFor = (database: string, password: string | null = PG_PASSWORD) =>
    `postgres://${PG_USER}${password === null ? '' : `:${encodeURIComponent(password)}`}@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ host: dir, port, user: PG_USER, database: 'postgres' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const result: PgCluster = {
    port,
    socketDir: dir,
    urlFor,
    async freshDatabase() {
      const name = `t${process.pid}_${++counter}`;
      await admin(`create database ${name}`);
      return urlFor(name);
    },
    async start() {
      const log = openSync(join(dir, 'postgres.log'), 'a');
      if (user.uid !== undefined) chownSync(join(dir, 'postgres.log'), user.uid, user.gid);
      server = spawn(
        join(bin, 'postgres'),
        [
          '-D',
          data,
          '-k',
          dir,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_connections=200',
        ],
        { ...user, stdio: ['ignore', log, log] },
      );
      server.unref(); // the process may exit; its 'exit' handler stops the server
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          await admin('select 1');
          return;
        } catch (error) {
          if (server.exitCode !== null || Date.now() > deadline)
            throw new Error(`postgres did not start (see ${join(dir, 'postgres.log')}): ${error}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    async stop() {
      const running = server;
      if (running === null || running.exitCode !== null) return;
      await new Promise((resolve) => {
        running.ref(); // keep the process alive until the server has stopped
        running.once('exit', resolve);
        running.kill('SIGINT');
      });
      server = null;
    },
    async restart() {
      await result.stop();
      await result.start();
    },
    freeze() {
      const pid = server?.pid;
      if (pid === undefined) throw new Error('freeze: postgres is not running');
      const stopped: number[] = [];
      for (const each of [pid, ...childrenOf(pid)]) {
        try {
          process.kill(each, 'SIGSTOP');
          stopped.push(each);
        } catch (error) {
          // A backend that ended between the listing and the signal (its client closed) is not frozen.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH' || each === pid) throw error;
        }
      }
      frozen = stopped;
      return stopped;
    },
    thaw() {
      for (const each of frozen) {
        try {
          process.kill(each, 'SIGCONT');
        } catch {
          // ended meanwhile
        }
      }
      frozen = [];
    },
  };
  await result.start();
  return result;
}
