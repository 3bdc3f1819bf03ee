// Checks that span documents or need more than the schema: unique names, managed overrides, durations, budgets.
import { parseDuration } from '../duration.ts';
import type { LoadIssue, LoadIssueCode } from '../errors.ts';
import { budgetProblem } from './budget-check.ts';
import { issueAt } from './issue.ts';
import { budgetOf } from './normalise.ts';
import type { PoolDocument } from './pool-document.ts';
import { escapePointer } from './positions.ts';
import { quote } from './quote.ts';
import type { Locate } from './schema-messages.ts';
import { caseless, spellings } from './service-names.ts';
import type { DidYouMean } from './suggest.ts';

/** A schema-valid document with the means to place issues in it. */
export interface CheckedDocument {
  file: string;
  document: PoolDocument;
  locate: Locate;
}

/** Where a pool or server name was first seen; made into file:line:col only when a duplicate needs it. */
interface FirstSeen {
  at: CheckedDocument;
  server: string | null;
}

function place({ at, server }: FirstSeen): string {
  const { line, column } =
    server === null ? at.locate('/metadata/name', false) : at.locate(serverPointer(server), true);
  return `${at.file}:${line}:${column}`;
}

const CAPITAL = /[A-Z]/;

const serverPointer = (server: string) => `/spec/servers/${escapePointer(server)}`;

type Report = (
  code: LoadIssueCode,
  pointer: string,
  key: boolean,
  message: string,
  hint: string | null,
) => void;

/**
 * Checks the keys of a map that name declared things (services, servers), ignoring case: each must name
 * one, and at most once. `unknown` reports a key that names nothing.
 */
function checkNames(
  keys: string[],
  declared: Map<string, string>,
  at: string,
  what: string,
  code: LoadIssueCode,
  report: Report,
  unknown: (key: string) => void,
): void {
  const used = new Map<string, string>();
  for (const key of keys) {
    const id = caseless(key);
    if (!declared.has(id)) {
      unknown(key);
      continue;
    }
    const earlier = used.get(id);
    if (earlier === undefined) {
      used.set(id, key);
      continue;
    }
    report(
      code,
      `${at}/${escapePointer(key)}`,
      true,
      `${what} ${quote(declared.get(id))} is given twice (${quote(earlier)} and ${quote(key)})`,
      'names ignore case, as on Windows: keep one entry',
    );
  }
}

/** Every cross-document and semantic problem, in document order. */
export function crossChecks(documents: CheckedDocument[], didYouMean: DidYouMean): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const pools = new Map<string, FirstSeen>();
  const servers = new Map<string, FirstSeen>();

  for (const checked of documents) {
    const { file, document, locate } = checked;
    const report: Report = (code, pointer, key, message, hint) => {
      const { line, column } = locate(pointer, key);
      issues.push(issueAt(code, file, line, column, message, hint));
    };
    const pool = document.metadata.name;
    const { spec } = document;
    const serverNames = Object.keys(spec.servers);
    const services = spellings(spec.services);
    const hosts = spellings(serverNames);

    const first = pools.get(pool);
    if (first !== undefined) {
      report(
        'duplicate-pool',
        '/metadata/name',
        false,
        `pool \`${pool}\` is declared twice (first at ${place(first)})`,
        'pool names must be unique: rename one',
      );
    } else {
      pools.set(pool, { at: checked, server: null });
    }

    spec.services.forEach((service, index) => {
      const declared = services.get(caseless(service));
      if (declared === service) return;
      report(
        'duplicate-service',
        `/spec/services/${index}`,
        false,
        `service ${quote(service)} is listed twice (also as ${quote(declared)})`,
        'Windows service names ignore case: remove one of them',
      );
    });

    const problem = budgetProblem(budgetOf(spec.budget), serverNames.length);
    if (problem !== null) {
      const rule = Object.keys(spec.budget ?? {})[0] ?? '';
      report('invalid-value', `/spec/budget/${rule}`, true, problem.message, problem.hint);
    }

    const targets = Array.isArray(spec.target) ? spec.target : [spec.target];
    const count = (driver: string) => targets.filter((t) => t.driver === driver).length;
    if (count('simulated') + count('windows') !== 1 || count('haproxy') > 1) {
      report(
        'invalid-value',
        '/spec/target',
        false,
        `spec.target needs exactly one services driver (simulated or windows) and at most one load balancer (haproxy); found ${targets.map((t) => t.driver).join(', ')}`,
        'list one services target, plus one haproxy target if the pool sits behind HAProxy',
      );
    }
    targets.forEach((target, index) => {
      const at = Array.isArray(spec.target) ? `/spec/target/${index}` : '/spec/target';
      if (target.driver === 'windows') {
        const sessions = `${at}/sessions`;
        checkNames(
          Object.keys(target.sessions ?? {}),
          services,
          sessions,
          'sessions counter for',
          'duplicate-service',
          report,
          (service) =>
            report(
              'unmanaged-service',
              `${sessions}/${escapePointer(service)}`,
              true,
              `sessions counter for ${quote(service)}, which pool \`${pool}\` does not manage`,
              didYouMean(service, spec.services) ?? 'name a service in spec.services',
            ),
        );
        if (target.connectTimeout !== undefined && parseDuration(target.connectTimeout) === null) {
          report(
            'invalid-value',
            `${at}/connectTimeout`,
            false,
            'connectTimeout must be longer than zero',
            'use a duration such as 10s',
          );
        }
        return;
      }
      if (target.driver !== 'haproxy') return;
      const map = `${at}/servers`;
      checkNames(
        Object.keys(target.servers ?? {}),
        hosts,
        map,
        'haproxy name for server',
        'duplicate-server',
        report,
        (server) =>
          report(
            'invalid-value',
            `${map}/${escapePointer(server)}`,
            true,
            `${quote(server)} in the haproxy servers map is not a server of pool \`${pool}\``,
            didYouMean(server, serverNames) ?? 'name a server listed under spec.servers',
          ),
      );
    });

    const timeout = spec.drain?.timeout;
    if (timeout !== undefined && parseDuration(timeout) === null) {
      report(
        'invalid-value',
        '/spec/drain/timeout',
        false,
        `drain timeout ${quote(timeout)} must be longer than zero`,
        'use a duration such as 30m or 2h',
      );
    }

    for (const server of serverNames) {
      // Host names ignore case; most are written in lower case already, and then need no copy.
      const id = CAPITAL.test(server) ? server.toLowerCase() : server;
      const seen = servers.get(id);
      if (seen !== undefined) {
        const other = seen.at.document.metadata.name;
        const where = other === pool ? 'already in this pool' : `already in pool \`${other}\``;
        report(
          'duplicate-server',
          serverPointer(server),
          true,
          `server ${quote(server)} is ${where} (at ${place(seen)})`,
          'a server belongs to one pool only, once; host names ignore case',
        );
      } else {
        servers.set(id, { at: checked, server });
      }
      const entry = spec.servers[server];
      if (typeof entry === 'string' || entry?.services === undefined) continue;
      const overrides = `${serverPointer(server)}/services`;
      checkNames(
        Object.keys(entry.services),
        services,
        overrides,
        'override for service',
        'duplicate-service',
        report,
        (service) =>
          report(
            'unmanaged-service',
            `${overrides}/${escapePointer(service)}`,
            true,
            `service ${quote(service)} is not managed by pool \`${pool}\` (it manages ${spec.services.join(', ')})`,
            didYouMean(service, spec.services) ?? 'add it to spec.services, or remove the override',
          ),
      );
    }
  }
  return issues;
}
