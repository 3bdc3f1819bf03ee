// The process entry point: hands argv, env and the standard streams to main().
import { main } from './main.ts';

// SIGINT/SIGTERM: finish the step in flight, write the audit, then exit; a second signal exits at once.
const controller = new AbortController();
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(1);
    controller.abort();
  });
}

// No top-level await: the single-file executable runs this as a CommonJS bundle (scripts/package.ts).
void main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  controller.signal,
).then(async (code) => {
  process.exitCode = code;
  // A pipe takes large output in parts: exit only once stdout and stderr have taken it all.
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
    ),
  );
  process.exit();
});
