// Drain progress: a line per change of state in logs, one line redrawn in place on a terminal.
import type { PoolStatus } from '../plan/index.ts';
import type { Output } from './io.ts';

/** Per draining server: open sessions, or null when unknown. */
function drainingServers(pools: PoolStatus[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const pool of pools) {
    for (const server of pool.servers) {
      // Services that should drain and have started to (a blocked one is still Active).
      const draining = server.services.filter(
        (s) => s.desired === 'draining' && s.health !== 'Active',
      );
      if (draining.length === 0) continue;
      const known = draining.every((s) => s.sessions !== null);
      out.set(server.name, known ? draining.reduce((n, s) => n + (s.sessions ?? 0), 0) : null);
    }
  }
  return out;
}

/** A reporter fed with each round's fleet status. */
export function progressReporter(out: Output): { update(pools: PoolStatus[]): void; end(): void } {
  const last = new Map<string, number | null>();
  let drawn = false;
  return {
    update(pools) {
      const now = drainingServers(pools);
      if (out.isTTY) {
        const parts = [...now].map(
          ([server, n]) =>
            `${server}: ${n === null ? '? sessions' : n === 0 ? 'drained' : `${n} session${n === 1 ? '' : 's'} left`}`,
        );
        if (parts.length > 0) {
          out.write(`\r\u001b[K${parts.join(' | ')}`);
          drawn = true;
        }
        return;
      }
      for (const [server, n] of now) {
        if (last.has(server) && last.get(server) === n) continue;
        last.set(server, n);
        out.write(
          `${server}: ${n === null ? 'paused, sessions unknown' : n === 0 ? 'drained' : `${n} session${n === 1 ? '' : 's'} left`}\n`,
        );
      }
    },
    end() {
      if (drawn) out.write('\n');
    },
  };
}
