// The fleet file's bytes kept per server (drivers/simulated/fleet-bytes.ts) are exactly JSON.stringify's text.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fleetBytes } from '../../reconciler/drivers/simulated/fleet-bytes.ts';
import type {
  SimFleet,
  SimServer,
  SimService,
} from '../../reconciler/drivers/simulated/fleet-file.ts';

const whole = (fleet: SimFleet) => `${JSON.stringify(fleet, null, 1)}\n`;
const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');

const service = (sessions: number): SimService => ({
  status: 'Running',
  startType: 'Automatic',
  canPause: true,
  sessions,
});
const server = (sessions: number): SimServer => ({
  fault: null,
  latencyMs: 20,
  services: { RTCSRV: service(sessions) },
});

test('an empty fleet, and one with readiness and lync after its servers and names to escape', () => {
  const bytes = fleetBytes();
  assert.is(text(bytes.parts({ servers: {} })), whole({ servers: {} }));
  const fleet: SimFleet = {
    servers: { 'fe01.contoso.com': server(3), 'a"b\\c\u00e9': server(0) },
    readiness: 'Busy',
    lync: { missingReplicas: 2, upgradeDomains: [{ name: 'UD1', ready: true, servers: ['x'] }] },
  };
  assert.is(text(bytes.parts(fleet)), whole(fleet));
});

test('a server changed in place is written anew once `changed` says so, and only then', () => {
  const bytes = fleetBytes();
  const fe01 = server(3);
  const fleet: SimFleet = { servers: { 'fe01.contoso.com': fe01, 'fe02.contoso.com': server(4) } };
  assert.is(text(bytes.parts(fleet)), whole(fleet));
  fe01.services.RTCSRV = { ...service(3), status: 'Paused', pending: 'PausePending' };
  bytes.changed(fe01);
  assert.is(text(bytes.parts(fleet)), whole(fleet));
  // Without `changed` the old bytes stay: the cache is what saves the work.
  fe01.services.RTCSRV = service(0);
  assert.is.not(text(bytes.parts(fleet)), whole(fleet));
});

test('any sequence of changes and new servers gives JSON.stringify’s text', () => {
  const change = fc.record({ at: fc.nat(), sessions: fc.nat(99), add: fc.boolean() });
  fc.assert(
    fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
      const bytes = fleetBytes();
      const fleet: SimFleet = { servers: { s0: server(1) } };
      for (const { at, sessions, add } of changes) {
        const names = Object.keys(fleet.servers);
        if (add) fleet.servers[`s${names.length}`] = server(sessions);
        else {
          const target = fleet.servers[names[at % names.length] ?? 's0'] as SimServer;
          target.services.RTCSRV = service(sessions);
          bytes.changed(target);
        }
        if (text(bytes.parts(fleet)) !== whole(fleet)) return false;
      }
      return true;
    }),
  );
});

test.run();
