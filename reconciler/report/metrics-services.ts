// /metrics' per-service series (quiesce_service_info, quiesce_sessions) written straight from a view as exposition text.

/** The part of a view the per-service series come from. */
interface ServiceSource {
  pools: {
    name: string;
    servers: {
      name: string;
      services: {
        name: string;
        desired: string;
        status: string | null;
        health: string;
        sessions: number | null;
      }[];
    }[];
  }[];
}

/** A label value in the text exposition format: backslash, double quote and newline escaped. */
const label = (value: string) => value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));

const INFO =
  '# HELP quiesce_service_info Always 1: one series per managed service with its desired mode, observed status and health.\n# TYPE quiesce_service_info gauge\n';
const SESSIONS =
  '# HELP quiesce_sessions Open sessions of a managed service (absent when unknown).\n# TYPE quiesce_sessions gauge\n';

/**
 * The two per-service metrics as Prometheus text (HELP, TYPE, one line per series): at 10,000 servers 20,000
 * lines, built once per view with no gauge object per series. `view` null (no round yet): no series.
 */
export function serviceSeriesText(view: ServiceSource | null): string {
  const info: string[] = [];
  const sessions: string[] = [];
  for (const pool of view?.pools ?? [])
    for (const server of pool.servers)
      for (const s of server.services) {
        const labels = `pool="${label(pool.name)}",server="${label(server.name)}",service="${label(s.name)}"`;
        info.push(
          `quiesce_service_info{${labels},desired="${label(s.desired)}",status="${label(s.status ?? 'Unknown')}",health="${label(s.health)}"} 1\n`,
        );
        if (s.sessions !== null) sessions.push(`quiesce_sessions{${labels}} ${s.sessions}\n`);
      }
  return `${INFO}${info.join('')}\n${SESSIONS}${sessions.join('')}`;
}
