// Semantic checks of `spec.maintenance` and `spec.windows`: cron, zones, durations, servers, gates, settle.
import { formatDuration, parseDuration } from '../duration.ts';
import { cronOf } from '../plan/maintenance/schedule.ts';
import { answers, cannotAnswer } from './gate-drivers.ts';
import { GATE_CMDLETS, lyncGateChecks } from './lync-checks.ts';
import type { Report } from './name-checks.ts';
import type { PoolDocument } from './pool-document.ts';
import { quote } from './quote.ts';
import { caseless, spellings } from './service-names.ts';
import type { DidYouMean } from './suggest.ts';
import { canonicalZone, knownZones } from './time-zone.ts';

/** The longest window: a week covers every weekly schedule. */
export const MAX_WINDOW_MS = 7 * 86_400_000;

const FIELDS = 'minute hour day-of-month month day-of-week';

/** Why a schedule is not a five-field cron expression croner accepts, or null. */
function scheduleProblem(schedule: string): string | null {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5)
    return `schedule ${quote(schedule)} has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron schedule has five (${FIELDS})`;
  // croner reads `?` as "the current time", which would make the schedule depend on when it was read.
  if (schedule.includes('?'))
    return `schedule ${quote(schedule)} uses \`?\`, which quiesce does not accept`;
  try {
    cronOf(schedule.trim(), 'UTC');
    return null;
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern:\s*/, '');
    return `schedule ${quote(schedule)} is not a valid cron expression: ${reason}`;
  }
}

/** Reports every problem of the pool's maintenance and windows. */
export function maintenanceChecks(
  spec: PoolDocument['spec'],
  pool: string,
  report: Report,
  didYouMean: DidYouMean,
): void {
  const allowMs: { index: number; ms: number }[] = [];
  (spec.windows ?? []).forEach((window, index) => {
    const at = `/spec/windows/${index}`;
    const problem = scheduleProblem(window.schedule);
    if (problem !== null)
      report(
        'invalid-value',
        `${at}/schedule`,
        false,
        problem,
        `write five fields (${FIELDS}), such as "0 22 * * *"`,
      );
    if (canonicalZone(window.timezone) === null)
      report(
        'invalid-value',
        `${at}/timezone`,
        false,
        `${quote(window.timezone)} is not an IANA time zone`,
        didYouMean(window.timezone, knownZones()) ??
          'use a name such as Europe/Berlin, America/New_York or UTC',
      );
    const ms = parseDuration(window.duration);
    if (ms === null || ms > MAX_WINDOW_MS)
      report(
        'invalid-value',
        `${at}/duration`,
        false,
        `window duration ${quote(window.duration)} must be longer than zero and at most 7d`,
        'use a duration such as 6h; a window open all week is no window',
      );
    else if (window.kind === 'allow') allowMs.push({ index, ms });
  });

  const maintenance = spec.maintenance;
  if (maintenance === undefined) return;
  const at = '/spec/maintenance';
  const names = Object.keys(spec.servers);
  if (Array.isArray(maintenance.servers)) {
    const hosts = spellings(names);
    const used = new Map<string, string>();
    maintenance.servers.forEach((server, index) => {
      const pointer = `${at}/servers/${index}`;
      const id = caseless(server);
      const earlier = used.get(id);
      if (!hosts.has(id))
        report(
          'invalid-value',
          pointer,
          false,
          `${quote(server)} in maintenance.servers is not a server of pool \`${pool}\``,
          didYouMean(server, names) ?? 'name a server listed under spec.servers, or write `all`',
        );
      else if (earlier !== undefined)
        report(
          'duplicate-server',
          pointer,
          false,
          `server ${quote(hosts.get(id))} is given twice in maintenance.servers (${quote(earlier)} and ${quote(server)})`,
          'host names ignore case: keep one entry',
        );
      else used.set(id, server);
    });
  }
  if (maintenance.timeout !== undefined && parseDuration(maintenance.timeout) === null)
    report(
      'invalid-value',
      `${at}/timeout`,
      false,
      `hook timeout ${quote(maintenance.timeout)} must be longer than zero`,
      'use a duration such as 90m',
    );
  const settleMs = maintenance.settle === undefined ? 0 : (parseDuration(maintenance.settle) ?? 0);
  const shortest = allowMs.reduce<{ index: number; ms: number } | null>(
    (min, w) => (min === null || w.ms < min.ms ? w : min),
    null,
  );
  if (shortest !== null && settleMs > shortest.ms)
    report(
      'invalid-value',
      `${at}/settle`,
      false,
      `settle ${quote(maintenance.settle)} is longer than allow window ${shortest.index + 1} (${formatDuration(shortest.ms)}): no second server could start in it`,
      'shorten settle, or lengthen the window',
    );
  const targets = Array.isArray(spec.target) ? spec.target : [spec.target];
  (maintenance.gates ?? []).forEach((gate, index) => {
    if (typeof gate !== 'string' || answers(gate, targets)) return;
    const cannot = cannotAnswer(gate, targets);
    report(
      'invalid-value',
      `${at}/gates/${index}`,
      false,
      `gate ${gate} needs a driver that can run ${GATE_CMDLETS[gate]}: ${cannot.who}; pool \`${pool}\` uses ${cannot.uses}`,
      cannot.hint,
    );
  });
  lyncGateChecks(spec, pool, report);
}
