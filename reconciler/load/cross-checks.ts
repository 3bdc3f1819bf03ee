// Checks that span documents or need more than the schema: unique names, managed overrides, durations.
import { parseDuration } from '../duration.ts';
import type { LoadIssue, LoadIssueCode } from '../errors.ts';
import { issueAt } from './issue.ts';
import type { PoolDocument } from './pool-document.ts';
import { escapePointer } from './positions.ts';
import type { Locate } from './schema-messages.ts';
import { didYouMean } from './suggest.ts';

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

/** Every cross-document and semantic problem, in document order. */
export function crossChecks(documents: CheckedDocument[]): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const pools = new Map<string, FirstSeen>();
  const servers = new Map<string, FirstSeen>();

  for (const checked of documents) {
    const { file, document, locate } = checked;
    const report = (
      code: LoadIssueCode,
      pointer: string,
      key: boolean,
      message: string,
      hint: string | null,
    ) => {
      const { line, column } = locate(pointer, key);
      issues.push(issueAt(code, file, line, column, message, hint));
    };
    const pool = document.metadata.name;
    const { spec } = document;

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
      if (target.driver === 'windows') {
        const at = Array.isArray(spec.target) ? `/spec/target/${index}` : '/spec/target';
        for (const service of Object.keys(
          typeof target.sessions === 'object' ? target.sessions : {},
        )) {
          if (spec.services.includes(service)) continue;
          report(
            'unmanaged-service',
            `${at}/sessions/${escapePointer(service)}`,
            true,
            `sessions counter for \`${service}\`, which pool \`${pool}\` does not manage`,
            didYouMean(service, spec.services) ?? 'name a service in spec.services',
          );
        }
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
      const at = Array.isArray(spec.target) ? `/spec/target/${index}` : '/spec/target';
      for (const server of Object.keys(target.servers ?? {})) {
        if (server in spec.servers) continue;
        report(
          'invalid-value',
          `${at}/servers/${escapePointer(server)}`,
          true,
          `\`${server}\` in the haproxy servers map is not a server of pool \`${pool}\``,
          didYouMean(server, Object.keys(spec.servers)) ??
            'name a server listed under spec.servers',
        );
      }
    });

    const timeout = spec.drain?.timeout;
    if (timeout !== undefined && parseDuration(timeout) === null) {
      report(
        'invalid-value',
        '/spec/drain/timeout',
        false,
        `drain timeout \`${timeout}\` must be longer than zero`,
        'use a duration such as 30m or 2h',
      );
    }

    for (const server in spec.servers) {
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
          `server \`${server}\` is ${where} (at ${place(seen)})`,
          'a server belongs to one pool only, once; host names ignore case',
        );
      } else {
        servers.set(id, { at: checked, server });
      }
      const entry = spec.servers[server];
      if (typeof entry === 'string' || entry?.services === undefined) continue;
      for (const service in entry.services) {
        if (spec.services.includes(service)) continue;
        report(
          'unmanaged-service',
          `${serverPointer(server)}/services/${escapePointer(service)}`,
          true,
          `service \`${service}\` is not managed by pool \`${pool}\` (it manages ${spec.services.join(', ')})`,
          didYouMean(service, spec.services) ?? 'add it to spec.services, or remove the override',
        );
      }
    }
  }
  return issues;
}
