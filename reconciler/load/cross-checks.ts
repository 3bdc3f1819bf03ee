// Checks that span documents or need more than the schema: unique names, managed overrides, durations, budgets.

import type { TargetChecks } from '../drivers/descriptor.ts';
import { driverOf } from '../drivers/registry.ts';
import { parseDuration } from '../duration.ts';
import type { LoadIssue } from '../errors.ts';
import { budgetProblem } from './budget-check.ts';
import { issueAt } from './issue.ts';
import { maintenanceChecks } from './maintenance-checks.ts';
import { methodChecks } from './method-checks.ts';
import { checkNames, type NameRule, type Report } from './name-checks.ts';
import { budgetOf } from './normalise.ts';
import type { PoolDocument } from './pool-document.ts';
import { escapePointer } from './positions.ts';
import { quote } from './quote.ts';
import type { Locate } from './schema-messages.ts';
import { caseless, spellings } from './service-names.ts';
import type { DidYouMean } from './suggest.ts';
import { targetsProblem } from './target-checks.ts';

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
    // Keys that must name one of the pool's services (overrides, sessions counters).
    const serviceRule = (
      at: string,
      what: string,
      message: (service: string) => string,
      otherwise: string,
    ): NameRule => ({
      at,
      declared: services,
      what,
      duplicate: 'duplicate-service',
      unknown: 'unmanaged-service',
      message,
      hint: (service) => didYouMean(service, spec.services) ?? otherwise,
    });

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

    maintenanceChecks(spec, pool, report, didYouMean);
    methodChecks(spec, report);

    const targets = Array.isArray(spec.target) ? spec.target : [spec.target];
    const shape = targetsProblem(targets);
    if (shape !== null) report('invalid-value', '/spec/target', false, shape.message, shape.hint);
    const names: TargetChecks['names'] = (of, keys, rule) =>
      checkNames(keys, report, {
        ...rule,
        declared: of === 'services' ? services : hosts,
        duplicate: of === 'services' ? 'duplicate-service' : 'duplicate-server',
        hint: (key) =>
          didYouMean(key, of === 'services' ? spec.services : serverNames) ?? rule.otherwise,
      });
    targets.forEach((target, index) => {
      const at = Array.isArray(spec.target) ? `/spec/target/${index}` : '/spec/target';
      driverOf(target).check?.(target, { pool, at, report, names, quote });
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

    if (spec.drain?.onTimeout === 'stop' && timeout === undefined) {
      report(
        'invalid-value',
        '/spec/drain/onTimeout',
        false,
        'drain onTimeout stop needs a drain timeout: it stops a service once its drain is older than that',
        'add drain.timeout (such as 2h), or use onTimeout: wait',
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
      if (
        typeof entry !== 'string' &&
        entry?.upgradeDomain !== undefined &&
        spec.budget?.quorum === undefined
      )
        report(
          'invalid-value',
          `${serverPointer(server)}/upgradeDomain`,
          true,
          `upgradeDomain on server ${quote(server)} needs a Lync quorum preset: pool \`${pool}\` has none`,
          'add budget: {quorum: lync2013 | sfb2015 | sfb2019} for a Front End pool, or remove upgradeDomain',
        );
      if (typeof entry === 'string' || entry?.services === undefined) continue;
      checkNames(
        Object.keys(entry.services),
        report,
        serviceRule(
          `${serverPointer(server)}/services`,
          'override for service',
          (service) =>
            `service ${quote(service)} is not managed by pool \`${pool}\` (it manages ${spec.services.join(', ')})`,
          'add it to spec.services, or remove the override',
        ),
      );
    }
  }
  return issues;
}
