// Lync Server 2013 / Skype for Business Server session presets: which performance counters count a service's
// open sessions, that is what ends by itself once the service is paused (calls, conferences, relay sessions).
// docs/drivers.md's table lists each row's source and how it was verified.
import type { SessionCounters } from './target.ts';

/** A named set of counters whose values are summed. */
export interface SessionPreset {
  counters: readonly string[];
  /** What the number counts. */
  meaning: string;
}

/** Every preset by name (schemas/pool.schema.json lists the same names). */
export const SESSION_PRESETS: Readonly<Record<string, SessionPreset>> = {
  'lync-conferences': {
    counters: [
      '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences',
      '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences',
      '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences',
    ],
    meaning: 'conferences in progress on this Front End (A/V, IM, application sharing)',
  },
  'lync-frontend': {
    counters: ['\\LS:SIP - Peers(Clients)\\SIP - Connections Active'],
    meaning:
      'SIP connections from clients (signed-in clients keep theirs: it does not fall to 0 by itself)',
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
  'lync-avedge': {
    counters: [
      '\\LS:A/V Edge - UDP Counters(_Total)\\A/V Edge - Active Relay Sessions - Allocated Port',
      '\\LS:A/V Edge - TCP Counters(_Total)\\A/V Edge - Active Relay Sessions - Allocated Port',
    ],
    meaning: 'A/V Edge relay sessions in progress, UDP plus TCP',
  },
};

/**
 * `sessions: lync`: the preset each Lync / Skype for Business service gets (others: sessions unknown). Each counts
 * what ends by itself: the Front End service its conferences, never its clients' SIP connections (information
 * only: LYNC_INFO).
 */
export const LYNC_SERVICE_PRESETS: Readonly<Record<string, string>> = {
  RTCSRV: 'lync-conferences',
  RTCMEDSRV: 'lync-mediation',
  RTCAVMCU: 'lync-avmcu',
  RTCIMMCU: 'lync-immcu',
  RTCASMCU: 'lync-asmcu',
  RTCMEDIARELAY: 'lync-avedge',
};

/** The whole-pool preset name. */
export const LYNC = 'lync';

/** Information a service's observation carries besides its sessions, never a drain condition. */
export type InfoKey = 'clients' | 'registered';

/**
 * `sessions: lync`: counters read as information only, per service: signed-in clients' SIP connections and
 * registered endpoints on a Front End (they stay while clients are signed in; docs/lync.md).
 */
export const LYNC_INFO: Readonly<Record<string, Readonly<Record<InfoKey, string>>>> = {
  RTCSRV: {
    clients: SESSION_PRESETS['lync-frontend']!.counters[0]!,
    registered: SESSION_PRESETS['lync-registrations']!.counters[0]!,
  },
};

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

/** Under `sessions: lync`, the information counters of each service that has some (as asked: `services`' spelling). */
export function infoFor(
  sessions: SessionCounters,
  services: readonly string[],
): Record<string, Readonly<Record<InfoKey, string>>> {
  const out: Record<string, Readonly<Record<InfoKey, string>>> = {};
  if (sessions !== LYNC) return out;
  for (const service of services) {
    const info = LYNC_INFO[service.toUpperCase()];
    if (info !== undefined) out[service] = info;
  }
  return out;
}

/**
 * Under `sessions: lync`, the services whose drain Lync's own ActivityLevel (Get-CsWindowsService) may count, where
 * the Lync module is present: every one (the cmdlet answers for Lync services only, e.g. RTCCAA, which has no
 * counter here); counters, where the preset has some, stay the fallback.
 */
export function activityFor(sessions: SessionCounters, services: readonly string[]): string[] {
  return sessions === LYNC ? [...services] : [];
}
