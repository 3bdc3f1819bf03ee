// Parsers for `show servers state <backend>` and `show stat <backend> 4 -1` (as HAProxy 2.x prints them).

/** One server's state in one backend. */
export interface BackendServer {
  /** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** srv_admin_state bit field. */
  adminState: number;
  /** scur from show stat: current sessions. */
  sessions: number | null;
}

/** srv_admin_state bits: forced/inherited/config/resolution maintenance, and forced/inherited drain. */
const MAINT = 0x01 | 0x02 | 0x04 | 0x20;
const DRAIN = 0x08 | 0x10;

/** The admin state as a word: MAINT, DRAIN or READY. */
export function adminWord(adminState: number): 'MAINT' | 'DRAIN' | 'READY' {
  if (adminState & MAINT) return 'MAINT';
  if (adminState & DRAIN) return 'DRAIN';
  return 'READY';
}

/** Servers by name from `show servers state`, or a message saying what was wrong with the answer. */
export function parseServersState(text: string): Map<string, BackendServer> | string {
  const lines = text.split('\n').map((line) => line.trim());
  const header = lines.find((line) => line.startsWith('# be_id'));
  if (lines[0] !== '1' || header === undefined)
    return 'not a version-1 "show servers state" answer';
  const columns = header.slice(2).split(/\s+/);
  const name = columns.indexOf('srv_name');
  const op = columns.indexOf('srv_op_state');
  const admin = columns.indexOf('srv_admin_state');
  if (name < 0 || op < 0 || admin < 0)
    return 'the "show servers state" header lacks srv_name/srv_op_state/srv_admin_state';
  const servers = new Map<string, BackendServer>();
  for (const line of lines.slice(lines.indexOf(header) + 1)) {
    if (line === '') continue;
    const fields = line.split(/\s+/);
    if (fields.length < columns.length) return `truncated row: ${line.slice(0, 80)}`;
    servers.set(fields[name] as string, {
      opState: Number(fields[op]),
      adminState: Number(fields[admin]),
      sessions: null,
    });
  }
  return servers;
}

/** scur by server name from `show stat` CSV, or a message saying what was wrong. */
export function parseStatSessions(csv: string): Map<string, number> | string {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0];
  if (header === undefined || !header.startsWith('# pxname,'))
    return 'not a "show stat" CSV answer';
  const columns = header.slice(2).split(',');
  const name = columns.indexOf('svname');
  const scur = columns.indexOf('scur');
  if (name < 0 || scur < 0) return 'the "show stat" header lacks svname/scur';
  const sessions = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const fields = line.split(',');
    const value = Number(fields[scur]);
    if (fields.length < columns.length - 1 || !Number.isInteger(value))
      return `truncated row: ${line.slice(0, 80)}`;
    sessions.set(fields[name] as string, value);
  }
  return sessions;
}
