// The status table and JSON, straight from a fleet status (no CLI): aligned rows, a suspended pool,
// a server that could not be read, colours by health.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { statusJson, statusText } from '../../reconciler/report/status-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const plain = createStyle(false);
const p = pool('p', servers(3, [1]));
const observed = observe([p], { s3: 'unreachable' });

test('one aligned row per service; an unreadable server shows ? and its error kind, then its message', () => {
  assert.is(
    statusText(fleetStatus(desired(p), observed, 0), plain),
    [
      'POOL  SERVER  SERVICE  DESIRED   HEALTH   SESSIONS  STATUS             SYNC',
      'p     s1      RTCSRV   draining  Active   0         Running/Automatic  OutOfSync',
      'p     s2      RTCSRV   active    Active   0         Running/Automatic  Synced',
      'p     s3      RTCSRV   active    Unknown  ?         Unreachable        Unknown',
      '✗ p/s3 Unreachable: no answer',
      '',
    ].join('\n'),
  );
});

test('a suspended pool is one row; health is coloured when colour is on', () => {
  const q = { ...pool('q', servers(2)), suspend: true };
  const text = statusText(fleetStatus(desired(p, q), observed, 0), plain);
  assert.match(text, /\nq\s+-\s+-\s+-\s+Suspended\s+-\s+-\s+-\n/);
  const coloured = statusText(fleetStatus(desired(p), observed, 0), createStyle(true));
  const esc = '\u001b';
  assert.ok(coloured.includes(`${esc}[32mActive ${esc}[39m`), 'Active in green');
  assert.ok(coloured.includes(`${esc}[2mUnknown${esc}[22m`), 'Unknown dimmed');
});

test('JSON: formatVersion, revision, pools; rollouts only when given', () => {
  const pools = fleetStatus(desired(p), observed, 0);
  const revision = { id: 'r1', author: null, subject: null };
  const json = JSON.parse(statusJson(revision, pools));
  assert.equal(Object.keys(json), ['formatVersion', 'revision', 'pools']);
  assert.is(json.pools[0].servers[2].error.kind, 'Unreachable');
  assert.equal(Object.keys(JSON.parse(statusJson(null, pools, []))), [
    'formatVersion',
    'revision',
    'pools',
    'rollouts',
  ]);
});

test.run();
