// Issue 22's bad input through `quiesce apply`: each one positioned error with a hint, exit 1, and nothing
// observed or changed (the simulated world and the state dir stay as they were).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const serversOf = (size: number) =>
  Array.from({ length: size }, (_, i) => `fe${i}.x: draining`).join('\n    ');

const cases: [string, string, RegExp][] = [
  [
    'quorum lync2013 with 13 servers',
    poolYaml('a', serversOf(13), '  budget:\n    quorum: lync2013\n'),
    /a\.yaml:11:5 error quorum lync2013 is defined for pools of 2 to 12/,
  ],
  [
    'quorum sfb2019 with 2 servers',
    poolYaml('a', serversOf(2), '  budget:\n    quorum: sfb2019\n'),
    /a\.yaml:11:5 error quorum sfb2019 is defined for pools of 3 to 16/,
  ],
  [
    'onTimeout stop without a timeout',
    poolYaml('a', serversOf(2), '  drain:\n    onTimeout: stop\n'),
    /a\.yaml:11:16 error drain onTimeout stop needs a drain timeout/,
  ],
  [
    'method failover under quorum lync2013',
    poolYaml(
      'a',
      serversOf(3),
      '  budget:\n    quorum: lync2013\n  drain:\n    method: failover\n',
    ),
    /a\.yaml:13:13 error drain method failover needs Skype for Business Server 2015 or 2019/,
  ],
  [
    'an unknown quorum preset',
    poolYaml('a', serversOf(3), '  budget:\n    quorum: sfb2016\n'),
    /a\.yaml:11:13 error/,
  ],
  [
    'an unknown service preset',
    poolYaml('a', serversOf(2)).replace('services: [RTCSRV, RTCMEDSRV]', 'services: lync-edgee'),
    /a\.yaml:9:13 error `lync-edgee` is not a service preset; spec\.services is a preset \(lync-frontend, lync-edge, lync-mediation\) or a list of Windows service names\n.*hint: did you mean `lync-edge`\?/,
  ],
  [
    'upgradeDomain on a pool without a Lync preset',
    poolYaml('a', 'fe0.x:\n      mode: draining\n      upgradeDomain: UD1'),
    /a\.yaml:13:7 error upgradeDomain on server `fe0.x` needs a Lync quorum preset/,
  ],
];

for (const [name, yaml, expected] of cases) {
  test(`${name}: exit 1, positioned, nothing observed or changed`, async () => {
    const tree = tempTree({ 'a.yaml': yaml });
    const state = tempTree({});
    const out = await runCli(['apply', tree, '--state-dir', state]);
    assert.is(out.code, 1, out.stdout + out.stderr);
    assert.match(out.stdout + out.stderr, expected);
    assert.not.ok(existsSync(join(state, 'simulated')), 'no simulated world was made');
    assert.equal(readdirSync(state), [], 'the state dir is untouched');
  });
}

test.run();
