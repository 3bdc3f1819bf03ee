// Renders doctor's findings: one line per finding (with its fix), a summary; or JSON.
import type { Finding, FindingLevel } from '../doctor-finding.ts';
import type { Style } from './style.ts';

/** What doctor reports: the findings and whether every target is ready. */
export interface DoctorReport {
  revision: string;
  findings: readonly Finding[];
  ready: boolean;
}

const LABEL: Record<FindingLevel, string> = { ok: 'ok  ', note: 'note', fail: 'FAIL' };

/** How many findings of each level. */
function counts(findings: readonly Finding[]): Record<FindingLevel, number> {
  const out: Record<FindingLevel, number> = { ok: 0, note: 0, fail: 0 };
  for (const f of findings) out[f.level]++;
  return out;
}

/** Text for people: per pool, one line per finding (`server check: message — fix: …`), then the summary. */
export function doctorText(report: DoctorReport, style: Style): string {
  const colour: Record<FindingLevel, (text: string) => string> = {
    ok: style.green,
    note: style.yellow,
    fail: style.red,
  };
  const lines: string[] = [`Doctor (revision ${report.revision}); read-only, nothing was changed`];
  let pool: string | null = null;
  for (const f of report.findings) {
    if (f.pool !== pool) {
      pool = f.pool;
      lines.push('', style.bold(`pool ${f.pool}`));
    }
    const where = f.server === null ? '' : `${f.server} `;
    const fix = f.fix === null ? '' : ` — fix: ${f.fix}`;
    lines.push(`  ${colour[f.level](LABEL[f.level])} ${where}${f.check}: ${f.message}${fix}`);
  }
  const n = counts(report.findings);
  const servers = new Set(
    report.findings.filter((f) => f.server !== null).map((f) => `${f.pool}/${f.server}`),
  ).size;
  const verdict = report.ready
    ? style.green('ready: every target is as the desired state assumes')
    : style.red('not ready: fix each FAIL above, then run quiesce doctor again');
  lines.push(
    '',
    `${servers} server(s) checked: ${n.ok} ok, ${n.note} note(s), ${n.fail} failed — ${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}

/** JSON for machines: {ready, revision, summary, findings}. */
export function doctorJson(report: DoctorReport): string {
  return `${JSON.stringify(
    {
      ready: report.ready,
      revision: report.revision,
      summary: counts(report.findings),
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
