// Writes a throwaway directory of files for a test; removed when the process exits.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temp directory holding `files` (relative path → text or bytes). */
export function tempTree(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'quiesce-test-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A valid Pool document; `servers` and `extra` lines are spliced in as YAML text. */
export function poolYaml(
  name: string,
  servers = 'fe01.contoso.com: active\n    fe02.contoso.com: active',
  extra = '',
): string {
  return `apiVersion: quiesce/v1
kind: Pool
metadata:
  name: ${name}
spec:
  target:
    driver: simulated
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
${extra}  servers:
    ${servers}
`;
}

/** A Notification document sending `events` in `format` to the URL in the environment variable `env`. */
export function notificationYaml(
  name: string,
  events: string[],
  format: string,
  env: string,
): string {
  return `apiVersion: quiesce/v1
kind: Notification
metadata:
  name: ${name}
spec:
  events: [${events.join(', ')}]
  format: ${format}
  urlFrom: env:${env}
`;
}
