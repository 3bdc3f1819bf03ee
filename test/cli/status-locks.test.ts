// status lists the locks held on the pools it shows (PostgreSQL store): pool, holder, since, lock id — what
// `unlock --id` needs, and what its refusal points at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { round } from '../helpers/builders/maintenance-pool.ts';
import { value } from '../helpers/builders/result.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { actor } from '../state/contract.ts';

test("a lock held in PostgreSQL shows in status text and JSON; another pool's lock does not", async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const r = round({ servers: 2 });
  const store = value(await openPostgresStore({ url }));
  try {
    const held = value(
      await store.acquireLock({
        pool: 'p',
        actor: actor('runner-9'),
        revision: 'main@sha1:feed',
        timeoutMs: 0,
      }),
    );
    value(
      await store.acquireLock({
        pool: 'elsewhere',
        actor: actor('runner-3'),
        revision: null,
        timeoutMs: 0,
      }),
    );
    const text = await runCli(['status', '--state-dir', r.state, '--state', url, r.tree], r.env);
    assert.is(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^Locks held \(quiesce unlock POOL --force --id ID releases one whose holder is gone\):$/m,
    );
    assert.match(
      text.stdout,
      new RegExp(
        `^ {2}p {2}held by apply on runner-9 \\(pid 4242\\), job https://ci\\.example\\.com/jobs/runner-9 since ${held.holder.since}, lock id ${held.holder.id}, revision main@sha1:feed$`,
        'm',
      ),
    );
    assert.not.match(text.stdout, /elsewhere|runner-3/);
    const json = JSON.parse(
      (
        await runCli(
          ['status', '-o', 'json', '--state-dir', r.state, '--state', url, r.tree],
          r.env,
        )
      ).stdout,
    );
    assert.equal(json.locks, [
      {
        pool: 'p',
        id: held.holder.id,
        holder: {
          host: 'runner-9',
          pid: 4242,
          command: 'apply',
          ciJobUrl: 'https://ci.example.com/jobs/runner-9',
        },
        revision: 'main@sha1:feed',
        since: held.holder.since,
      },
    ]);
    // What unlock's refusal points at is there: the id status printed releases the lock.
    const wrong = await runCli(['unlock', 'p', '--force', '--id', 'wrong-id', '--state', url]);
    assert.match(wrong.stderr, /quiesce status lists the locks held/);
    const freed = await runCli(['unlock', 'p', '--force', '--id', held.holder.id, '--state', url]);
    assert.is(freed.code, 0, freed.stderr);
    assert.match(freed.stdout, /^released the lock of pool p held by apply on runner-9/);
    const after = await runCli(['status', '--state-dir', r.state, '--state', url, r.tree], r.env);
    assert.not.match(after.stdout, /Locks held/);
  } finally {
    await store.close();
  }
});

test.run();
