// The lock file: one holder, published whole; invalid contents refused clearly; release only ever removes ours.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { acquireLock, lockPath, openFolderStore } from '../../../reconciler/state/folder/index.ts';
import { parseHolder } from '../../../reconciler/state/folder/lock-holder.ts';
import { takeOver } from '../../../reconciler/state/folder/lock-takeover.ts';
import { tempTree } from '../../helpers/builders/temp-tree.ts';

const holder = (extra: object = {}) => ({
  id: 'holder-0001',
  pid: 99_999_999,
  host: hostname(),
  startedAt: '2026-01-01T00:00:00.000Z',
  command: 'apply',
  ...extra,
});

test('the lock file names a unique holder id, pid, host, start and command, and is never seen empty', () => {
  const dir = tempTree({});
  const lock = acquireLock(dir, 'apply', new Date(0))._unsafeUnwrap();
  const onDisk = JSON.parse(readFileSync(lockPath(dir), 'utf8'));
  assert.equal(onDisk, lock.holder);
  assert.match(lock.holder.id, /^[0-9a-f-]{36}$/);
  assert.is(lock.holder.pid, process.pid);
  assert.is(lock.holder.startedAt, '1970-01-01T00:00:00.000Z');
  assert.equal(readdirSync(dir), ['lock'], 'no temporary file left beside it');
  const again = acquireLock(dir, 'watch')._unsafeUnwrapErr();
  assert.match(
    again,
    new RegExp(`another apply holds .*lock \\(id ${lock.holder.id}, pid ${process.pid} on `),
  );
  lock.release();
  assert.not.ok(existsSync(lockPath(dir)));
});

test('release never removes a lock that is no longer ours', () => {
  const dir = tempTree({});
  const lock = acquireLock(dir, 'apply')._unsafeUnwrap();
  // someone (an operator's forced unlock, then another apply) now holds it
  const other = JSON.stringify(holder({ id: 'someone-else-1', pid: process.pid }));
  writeFileSync(lockPath(dir), other);
  lock.release();
  assert.is(readFileSync(lockPath(dir), 'utf8'), other);
});

test('a dead holder on this host is taken over; a holder on another host is not', () => {
  const dir = tempTree({});
  writeFileSync(lockPath(dir), JSON.stringify(holder()));
  const taken = acquireLock(dir, 'apply')._unsafeUnwrap();
  assert.is(JSON.parse(readFileSync(lockPath(dir), 'utf8')).id, taken.holder.id);
  assert.equal(readdirSync(dir), ['lock'], 'no takeover marker or temporary file left');
  taken.release();
  writeFileSync(lockPath(dir), JSON.stringify(holder({ host: 'elsewhere.example' })));
  const refused = acquireLock(dir, 'apply')._unsafeUnwrapErr();
  assert.match(refused, /pid 99999999 on elsewhere\.example since 2026-01-01T00:00:00\.000Z/);
  assert.match(refused, /if that process is gone from elsewhere\.example, delete the lock file/);
});

test('a takeover marker left by a taker that died is followed; one left by a live taker means busy', () => {
  const dir = tempTree({});
  writeFileSync(lockPath(dir), JSON.stringify(holder()));
  writeFileSync(
    join(dir, 'lock.takeover.holder-0001'),
    JSON.stringify(holder({ id: 'taker-0002' })),
  );
  const taken = acquireLock(dir, 'apply')._unsafeUnwrap();
  assert.equal(readdirSync(dir), ['lock']);
  taken.release();
  writeFileSync(lockPath(dir), JSON.stringify(holder()));
  writeFileSync(
    join(dir, 'lock.takeover.holder-0001'),
    JSON.stringify(holder({ id: 'taker-0003', pid: process.pid })),
  );
  assert.match(acquireLock(dir, 'apply')._unsafeUnwrapErr(), /kept taking it over; run again/);
  assert.is(JSON.parse(readFileSync(lockPath(dir), 'utf8')).id, 'holder-0001', 'left alone');
});

test('a taker that read a dead holder too late loses to the fresh acquirer or the taker that came first', () => {
  const dir = tempTree({});
  const me = holder({ id: 'late-taker-1', pid: process.pid });
  const mine = join(dir, 'lock.late-taker-1.tmp');
  const fresh = JSON.stringify(holder({ id: 'fresh-holder-1', pid: process.pid }));
  // the dead holder's lock was already replaced (another taker) or released and taken afresh
  writeFileSync(lockPath(dir), fresh);
  writeFileSync(mine, JSON.stringify(me));
  assert.is(takeOver(dir, holder(), me, mine), 'lost');
  assert.is(readFileSync(lockPath(dir), 'utf8'), fresh, 'the live lock is untouched');
  // or the lock is gone: the taker must not create it by rename, only a fresh link may
  rmSync(lockPath(dir));
  assert.is(takeOver(dir, holder(), me, mine), 'lost');
  assert.not.ok(existsSync(lockPath(dir)));
  assert.equal(readdirSync(dir), ['lock.late-taker-1.tmp'], 'its marker is removed');
});

test('lock contents that name no valid holder are refused with the rule, never "another undefined holds"', () => {
  const cases: [string, RegExp][] = [
    ['', /it is empty/],
    ['{}', /no valid holder id/],
    ['[]', /not a JSON object/],
    ['"x"', /not a JSON object/],
    ['null', /not a JSON object/],
    ['{"id":"holder-0001","pid":12', /not JSON \(truncated or damaged\)/],
    [JSON.stringify(holder({ pid: 0 })), /pid 0 is not a positive integer/],
    [JSON.stringify(holder({ pid: -1 })), /pid -1 is not a positive integer/],
    [JSON.stringify(holder({ pid: '12' })), /pid "12" is not a positive integer/],
    [JSON.stringify(holder({ id: '../../etc' })), /no valid holder id/],
    [
      JSON.stringify({ pid: 12, host: 'h', startedAt: 'x', command: 'apply' }),
      /no valid holder id/,
    ],
  ];
  for (const [text, reason] of cases) {
    const dir = tempTree({ lock: text });
    const message = acquireLock(dir, 'apply')._unsafeUnwrapErr();
    assert.match(message, reason, text);
    assert.match(
      message,
      /names no lock holder: .*; if no quiesce apply or watch uses .*, delete it and run again/,
    );
    assert.not.match(message, /undefined/);
    assert.is(
      readFileSync(lockPath(dir), 'utf8'),
      text,
      'an invalid lock is left for a person to judge',
    );
    assert.equal(readdirSync(dir), ['lock'], 'no temporary file left');
  }
  assert.ok(parseHolder(JSON.stringify(holder())).isOk());
});

test('a state dir that cannot be a directory: one line naming the path and what to do, nothing left behind', () => {
  const dir = tempTree({ file: 'x' });
  const message = acquireLock(join(dir, 'file'), 'apply')._unsafeUnwrapErr();
  assert.match(message, /^cannot create the state dir .*file: EEXIST, a file is in the way/);
  const nested = acquireLock(join(dir, 'file', 'sub'), 'apply')._unsafeUnwrapErr();
  assert.match(
    nested,
    /^cannot create the state dir .*sub: ENOTDIR, part of the path is a file, not a directory; pick another --state-dir$/,
  );
  mkdirSync(join(dir, 'state', 'lock'), { recursive: true }); // a directory where the lock file goes
  const blocked = acquireLock(join(dir, 'state'), 'apply')._unsafeUnwrapErr();
  assert.not.match(blocked, /\n/);
  assert.equal(readdirSync(join(dir, 'state')), ['lock'], 'no temporary file left');
});

/** The apply that takes the pool locks of the store tests below: this process, on this host. */
const actor = {
  user: null,
  host: hostname(),
  pid: process.pid,
  command: 'apply',
  ciJobUrl: null,
};

test('pool locks taken in one turn link one holder file, written once: same holder, no file left after the turn; a later lock has its own', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const leases = [];
  for (const pool of ['a', 'b', 'c'])
    leases.push(
      (await store.acquireLock({ pool, actor, revision: 'r1', timeoutMs: 0 }))._unsafeUnwrap(),
    );
  const files = ['a', 'b', 'c'].map((pool) => lockPath(join(dir, 'locks', pool)));
  assert.equal(
    new Set(files.map((file) => statSync(file).ino)).size,
    1,
    'one inode, linked three times',
  );
  assert.equal(new Set(leases.map((lease) => lease.holder.id)).size, 1);
  assert.equal(
    parseHolder(readFileSync(files[1] as string, 'utf8'))._unsafeUnwrap().revision,
    'r1',
  );
  await new Promise((resolve) => setImmediate(resolve));
  for (const pool of ['a', 'b', 'c'])
    assert.equal(
      readdirSync(join(dir, 'locks', pool)),
      ['lock'],
      `${pool}: no holder file left beside it`,
    );
  const later = (
    await store.acquireLock({ pool: 'd', actor, revision: 'r1', timeoutMs: 0 })
  )._unsafeUnwrap();
  assert.is.not(later.holder.id, leases[0]?.holder.id);
  for (const lease of [...leases, later]) (await lease.release())._unsafeUnwrap();
  for (const pool of ['a', 'b', 'c', 'd'])
    assert.not.ok(existsSync(lockPath(join(dir, 'locks', pool))), `${pool}: released`);
});

test('a pool lock released once is gone; released again, or once another holds the pool, it says LockLost and removes nothing', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const take = async (pool: string) =>
    (await store.acquireLock({ pool, actor, revision: 'r1', timeoutMs: 0 }))._unsafeUnwrap();
  const a = await take('a');
  (await a.release())._unsafeUnwrap();
  assert.not.ok(existsSync(lockPath(join(dir, 'locks', 'a'))));
  const again = await take('a');
  assert.is(
    (await a.release())._unsafeUnwrapErr().kind,
    'LockLost',
    'the first lease, released twice',
  );
  assert.ok(existsSync(lockPath(join(dir, 'locks', 'a'))), 'the new holder keeps its lock');
  const b = await take('b');
  const file = lockPath(join(dir, 'locks', 'b'));
  // A new file in its place (the locks of one turn share one inode: never write through it).
  writeFileSync(`${file}.new`, JSON.stringify(holder({ pid: process.pid, id: 'someone-else' })));
  renameSync(`${file}.new`, file);
  const rb = await b.release();
  assert.is(rb._unsafeUnwrapErr().kind, 'LockLost');
  assert.match(
    readFileSync(file, 'utf8'),
    '"id":"someone-else"',
    "the other holder's file is kept",
  );
  (await again.release())._unsafeUnwrap();
});

test('the fence: one stat tells our lock file from another in its place, a copy of it, or none; a lock of the same turn released leaves the others alive', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const take = async (pool: string) =>
    (await store.acquireLock({ pool, actor, revision: 'r1', timeoutMs: 0 }))._unsafeUnwrap();
  const [a, b, c] = [await take('a'), await take('b'), await take('c')];
  const file = (pool: string) => lockPath(join(dir, 'locks', pool));
  assert.ok(await a.alive());
  (await c.release())._unsafeUnwrap();
  assert.ok(await a.alive(), 'c shared its inode with a: a is still ours');
  assert.ok(await b.alive());
  // A copy of our own lock file in its place (same contents, another file): not ours any more.
  writeFileSync(`${file('a')}.copy`, readFileSync(file('a')));
  renameSync(`${file('a')}.copy`, file('a'));
  assert.not.ok(await a.alive(), 'a file with our holder id that we did not make');
  rmSync(file('b'));
  assert.not.ok(await b.alive(), 'removed');
  rmSync(file('a'));
});

test('the locks of one batch keep one holder id across turns of the event loop; a refused lock leaves no holder file', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const batch = {};
  const take = (pool: string, who = actor, together: object | undefined = batch) =>
    store.acquireLock({ pool, actor: who, revision: 'r1', timeoutMs: 0, batch: together });
  const a = (await take('a'))._unsafeUnwrap();
  await new Promise((resolve) => setImmediate(resolve));
  const b = (await take('b'))._unsafeUnwrap();
  assert.is(b.holder.id, a.holder.id, 'one id for the batch, though taken in another turn');
  const alone = (await take('c', actor, {}))._unsafeUnwrap();
  assert.is.not(alone.holder.id, a.holder.id, 'another batch: its own id');
  const other = { ...actor, pid: actor.pid + 1 };
  const refused = await take('a', other, {});
  assert.is(refused._unsafeUnwrapErr().kind, 'Locked');
  assert.equal(
    readdirSync(join(dir, 'locks', 'a')),
    ['lock'],
    'no holder file left by the refused lock',
  );
  for (const lease of [a, b, alone]) (await lease.release())._unsafeUnwrap();
});

test.run();
