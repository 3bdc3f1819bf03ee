// Lync Server 2013 / Skype for Business Server session presets: which performance counters count a service's
// open sessions. docs/drivers.md's table lists each row's source and how it was verified.
import type { SessionCounters } from './target.ts';

/** A named set of counters whose values are summed. */
export interface SessionPreset {
  counters: readonly string[];
  /** What the number counts. */
  meaning: string;
}

/** Every preset by name (schemas/pool.schema.json lists the same names). */
export const SESSION_PRESETS: Readonly<Record<string, SessionPreset>> = {
  'lync-frontend': {
    counters: ['\\LS:SIP - Peers(Clients)\\SIP - Connections Active'],
    meaning: 'SIP connections from clients',
  },
  'lync-registrations': {
    counters: ['\\LS:USrv - Endpoint Cache\\USrv - Active Registered Endpoints'],
    meaning: 'endpoints registered with this Front End',
  },
  'lync-mediation': {
    counters: [
      '\\LS:MediationServer - Inbound Calls(_Total)\\- Current',
      '\\LS:MediationServer - Outbound Calls(_Total)\\- Current',
    ],
    meaning: 'calls in progress, inbound plus outbound',
  },
  'lync-avmcu': {
    counters: ['\\LS:AVMCU - Operations\\AVMCU - Number of Users'],
    meaning: 'users in A/V conferences',
  },
  'lync-immcu': {
    counters: ['\\LS:ImMcu - IMMcu Conferences\\IMMCU - Connected Users'],
    meaning: 'users in IM conferences',
  },
  'lync-asmcu': {
    counters: ['\\LS:AsMcu - AsMcu Conferences\\ASMCU - Connected Users'],
    meaning: 'users in application-sharing conferences',
  },
};

/** `sessions: lync`: the preset each Lync / Skype for Business service gets (others: sessions unknown). */
export const LYNC_SERVICE_PRESETS: Readonly<Record<string, string>> = {
  RTCSRV: 'lync-frontend',
  RTCMEDSRV: 'lync-mediation',
  RTCAVMCU: 'lync-avmcu',
  RTCIMMCU: 'lync-immcu',
  RTCASMCU: 'lync-asmcu',
};

/** The whole-pool preset name. */
export const LYNC = 'lync';

const expand = (entry: string | readonly string[]): readonly string[] =>
  typeof entry !== 'string'
    ? entry
    : entry.startsWith('\\')
      ? [entry]
      : (SESSION_PRESETS[entry]?.counters ?? []);

/** The counter paths to sum per service, from the pool's `sessions` (a preset name, or per service). */
export function countersFor(
  sessions: SessionCounters,
  services: readonly string[],
): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const service of services) {
    const entry =
      typeof sessions === 'string'
        ? LYNC_SERVICE_PRESETS[service.toUpperCase()]
        : Object.entries(sessions).find(
            ([name]) => name.toLowerCase() === service.toLowerCase(),
          )?.[1];
    const counters = entry === undefined ? [] : expand(entry);
    if (counters.length > 0) out[service] = counters;
  }
  return out;
}
