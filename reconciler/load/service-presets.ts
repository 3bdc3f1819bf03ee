// Service presets per Lync / Skype for Business role: `services: lync-edge` (or an item of the list) stands for
// the Windows services Microsoft names for that role; each row cites its page (docs/lync.md repeats them).

/** The services of each role preset, in the order they are observed. */
export const SERVICE_PRESETS: Readonly<Record<string, readonly string[]>> = {
  // The Front End service (RTCSRV, "Prevent new connections to Lync Server 2013 for server maintenance",
  // https://learn.microsoft.com/previous-versions/office/lync-server-2013/lync-server-2013-prevent-new-connections-to-lync-server-for-server-maintenance),
  // the applications that article names (Attendant, Conferencing Announcement, Response Group, Call Park),
  // and the conferencing servers whose counters docs/drivers.md's session presets cite.
  'lync-frontend': [
    'RTCSRV',
    'RTCCAA',
    'RTCCAS',
    'RTCRGS',
    'RTCCPS',
    'RTCIMMCU',
    'RTCAVMCU',
    'RTCASMCU',
  ],
  // "Edge Server services: REPLICA, RTCSRV, RTCDATAPROXY, RTCMRAUTH, RTCMEDIARELAY" and "CS RTCMEDSRV on
  // Mediation server" ("Troubleshoot your Cloud Connector deployment",
  // https://learn.microsoft.com/skypeforbusiness/hybrid/troubleshoot-your-cloud-connector-deployment). REPLICA
  // (the replicator agent: configuration, no user sessions) is left out of both: draining it ends nothing.
  'lync-edge': ['RTCSRV', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY'],
  'lync-mediation': ['RTCMEDSRV'],
};

/**
 * `spec.services` with role presets expanded, in place of the preset, duplicates after the first dropped: a
 * preset name alone (`services: lync-edge`) or as an item (`[lync-frontend, RTCMEDSRV]`). Anything else is
 * returned as it is, for the schema to judge.
 */
export function expandServices(services: unknown): unknown {
  const list = typeof services === 'string' ? [services] : services;
  if (!Array.isArray(list)) return services;
  if (!list.some((item) => typeof item === 'string' && Object.hasOwn(SERVICE_PRESETS, item)))
    return services;
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const names =
      typeof item === 'string' && Object.hasOwn(SERVICE_PRESETS, item)
        ? (SERVICE_PRESETS[item] as readonly string[])
        : [item];
    for (const name of names) {
      const key = typeof name === 'string' ? name.toUpperCase() : null;
      if (key !== null && seen.has(key) && Object.hasOwn(SERVICE_PRESETS, item as string)) continue;
      if (key !== null) seen.add(key);
      out.push(name);
    }
  }
  return out;
}

/** A pool document (anything parsed from YAML) with its `spec.services` presets expanded, before the schema. */
export function withServicePresets(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const spec = (value as { spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null || !('services' in spec)) return value;
  const services = expandServices((spec as { services: unknown }).services);
  if (services === (spec as { services: unknown }).services) return value;
  return { ...value, spec: { ...spec, services } };
}
