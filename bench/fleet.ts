// Generates a large synthetic desired-state tree for benchmarks.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes `servers` servers x 3 services spread over `files` pool files; every `drainingEvery`th server
 * draining, and every `overrideEvery`th a per-service override (0: none). Returns the dir.
 */
export function writeFleet(
  servers: number,
  files: number,
  drainingEvery = 10,
  overrideEvery = 7,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'quiesce-bench-'));
  mkdirSync(dir, { recursive: true });
  const perFile = Math.ceil(servers / files);
  for (let f = 0; f < files; f++) {
    const lines = [
      'apiVersion: quiesce/v1',
      'kind: Pool',
      'metadata:',
      `  name: pool-${f}`,
      'spec:',
      '  target:',
      '    driver: simulated',
      '  loadBalancing: dns',
      '  services: [RTCSRV, RTCMEDSRV, RTCRGS]',
      '  budget:',
      '    maxUnavailable: 25%',
      '  drain:',
      '    timeout: 2h',
      '  servers:',
    ];
    for (let s = f * perFile; s < Math.min(servers, (f + 1) * perFile); s++) {
      const name = `srv${String(s).padStart(5, '0')}.pool-${f}.contoso.com`;
      if (s % drainingEvery === 0) {
        lines.push(`    ${name}:`, '      mode: draining', `      reason: CHG${s} patching`);
      } else if (overrideEvery > 0 && s % overrideEvery === 0) {
        lines.push(
          `    ${name}:`,
          '      mode: active',
          '      services:',
          '        RTCRGS: draining',
        );
      } else {
        lines.push(`    ${name}: active`);
      }
    }
    writeFileSync(join(dir, `pool-${String(f).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
  return dir;
}
