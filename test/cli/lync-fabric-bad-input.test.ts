// The lync gates' bad input through `quiesce apply`: a lync-fabric gate without spec.lync.pool, a malformed pool
// FQDN, a lync gate on a driver that cannot ask it: each one positioned error with a hint, exit 1, and nothing
// observed or changed.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const maintenance = (gates: string) =>
  `  maintenance:\n    id: CHG1\n    servers: all\n    run: [/bin/true]\n    gates: ${gates}\n`;

const cases: [string, string, RegExp][] = [
  [
    'a lync-fabric gate without spec.lync.pool',
    poolYaml('a', undefined, maintenance('[lync2013-readiness, lync-fabric]')),
    /a\.yaml:14:33 error gate lync-fabric needs the Lync pool's FQDN \(Get-CsPoolFabricState -PoolFqdn\): pool `a` has no spec\.lync\.pool\n.*hint: add spec\.lync: \{pool: /,
  ],
  [
    'a pool FQDN of one label',
    poolYaml('a', undefined, `${maintenance('[lync-fabric]')}  lync:\n    pool: pool01\n`),
    /a\.yaml:16:11 error `pool01` is not a valid fully qualified domain name \(letters, digits and '-' in two or more dot-separated labels, such as pool01\.contoso\.com\) for spec\.lync\.pool\n.*hint: write the pool's FQDN as Get-CsPool lists it/,
  ],
  [
    'a pool FQDN with an underscore',
    poolYaml('a', undefined, `  lync:\n    pool: pool_01.contoso.com\n`),
    /a\.yaml:11:11 error `pool_01\.contoso\.com` is not a valid fully qualified domain name .* for spec\.lync\.pool/,
  ],
  [
    'spec.lync without its pool',
    poolYaml('a', undefined, '  lync: {}\n'),
    /a\.yaml:10:9 error .*pool/,
  ],
  [
    'a lync-fabric gate on windows via sc',
    poolYaml(
      'a',
      undefined,
      `${maintenance('[lync-fabric]')}  lync:\n    pool: pool01.contoso.com\n`,
    ).replace('driver: simulated', 'driver: windows\n    via: sc'),
    /a\.yaml:\d+:\d+ error gate lync-fabric needs a driver that can run Get-CsPoolFabricState: the windows driver over ssh or cim \(or the simulated driver\); pool `a` uses windows via sc/,
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
