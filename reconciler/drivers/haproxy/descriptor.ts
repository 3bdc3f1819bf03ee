// The haproxy driver's descriptor: a load balancer whose backends are units; its servers map names pool servers.
import type { DriverDescriptor } from '../descriptor.ts';
import { createHaproxyDriver } from './haproxy-driver.ts';
import { haproxySchema } from './schema.ts';
import type { HaproxyTarget, HaproxyTargetDocument } from './target.ts';

/** `driver: haproxy` in the driver registry. */
export const haproxyDriver: DriverDescriptor<HaproxyTarget, HaproxyTargetDocument> = {
  name: 'haproxy',
  role: 'loadBalancer',
  keep: false,
  summary: "haproxy: drain and ready servers through HAProxy's runtime API.",
  title: 'HAProxy',
  schema: haproxySchema,
  normalise: (doc, names) => ({ ...doc, servers: names.servers(doc.servers) }),
  check(doc, { at, pool, names, quote }) {
    names('servers', Object.keys(doc.servers ?? {}), {
      at: `${at}/servers`,
      what: 'haproxy name for server',
      unknown: 'invalid-value',
      message: (server) =>
        `${quote(server)} in the haproxy servers map is not a server of pool \`${pool}\``,
      otherwise: 'name a server listed under spec.servers',
    });
  },
  backends: (target) => target.backends,
  open: (target) => createHaproxyDriver(target),
};
