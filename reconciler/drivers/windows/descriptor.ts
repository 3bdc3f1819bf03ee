// The windows driver's descriptor: real servers over ssh, CIM or sc.exe; ssh and cim answer the lync gates.
import { parseDuration } from '../../duration.ts';
import type { DriverDescriptor } from '../descriptor.ts';
import { windowsDoctor } from './doctor.ts';
import { windowsFabric } from './lync-fabric.ts';
import { readinessCandidates, windowsReadiness } from './readiness.ts';
import { windowsSchema } from './schema.ts';
import type { WindowsTarget, WindowsTargetDocument } from './target.ts';
import { createWindowsDriver } from './windows-driver.ts';

/** `driver: windows` in the driver registry. */
export const windowsDriver: DriverDescriptor<WindowsTarget, WindowsTargetDocument> = {
  name: 'windows',
  role: 'services',
  keep: true,
  summary: 'windows: real Windows servers (OpenSSH + PowerShell, CIM, or sc.exe).',
  title: 'Windows',
  schema: windowsSchema,
  normalise: (doc, names) => ({
    driver: 'windows',
    via: doc.via ?? 'ssh',
    user: doc.user ?? null,
    port: doc.port ?? null,
    identityFile: doc.identityFile ?? null,
    knownHostsFile: doc.knownHostsFile ?? null,
    connectTimeoutMs: parseDuration(doc.connectTimeout ?? '10s') ?? 10_000,
    sessions: typeof doc.sessions === 'string' ? doc.sessions : names.services(doc.sessions),
  }),
  check(doc, { at, pool, report, names, quote }) {
    names('services', Object.keys(typeof doc.sessions === 'object' ? doc.sessions : {}), {
      at: `${at}/sessions`,
      what: 'sessions counter for',
      unknown: 'unmanaged-service',
      message: (service) =>
        `sessions counter for ${quote(service)}, which pool \`${pool}\` does not manage`,
      otherwise: 'name a service in spec.services',
    });
    if (doc.connectTimeout !== undefined && parseDuration(doc.connectTimeout) === null)
      report(
        'invalid-value',
        `${at}/connectTimeout`,
        false,
        'connectTimeout must be longer than zero',
        'use a duration such as 10s',
      );
  },
  label: (doc) => `windows via ${doc.via ?? 'ssh'}`,
  answers: {
    'lync2013-readiness': {
      when: (doc) => (doc.via ?? 'ssh') !== 'sc',
      as: 'the windows driver over ssh or cim',
      hint: 'use via: ssh or via: cim',
    },
    'lync-fabric': {
      when: (doc) => (doc.via ?? 'ssh') !== 'sc',
      as: 'the windows driver over ssh or cim',
      hint: 'use via: ssh or via: cim',
    },
  },
  open: (target, { warn }) => createWindowsDriver(target, { warn }),
  // Another server than the one about to drain answers when it can.
  readiness: (target, pool, server) =>
    windowsReadiness(target, readinessCandidates(pool.servers, server), {
      sfb2019: pool.budget.kind === 'quorum' && pool.budget.preset === 'sfb2019',
    }),
  fabric: (target, pool, server) =>
    windowsFabric(target, readinessCandidates(pool.servers, server), pool.lync?.pool ?? ''),
  doctor: (target, context) => windowsDoctor(target, context),
};
