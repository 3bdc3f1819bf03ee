// Drivers kept across watch rounds: the same windows driver (and its sessions) while its target is unchanged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KeptDrivers } from '../../reconciler/drivers/kept-drivers.ts';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import type { TargetSpec } from '../../reconciler/model.ts';

test('watch keeps a pool windows driver (and its sessions) while its target is unchanged', async () => {
  const kept = new KeptDrivers();
  const target = {
    driver: 'windows' as const,
    via: 'ssh' as const,
    user: null,
    port: null,
    identityFile: null,
    knownHostsFile: null,
    connectTimeoutMs: 5000,
    sessions: 'lync',
  };
  const windows = (t: Extract<TargetSpec, { driver: 'windows' }>) =>
    kept.driver('fe', t, () => createWindowsDriver(t, { warn: () => {} }));
  const first = windows(target);
  assert.is(windows({ ...target }), first);
  assert.is.not(windows({ ...target, port: 2222 }), first);
  await kept.close();
});

test.run();
