// npm run schema: writes the registry-made parts of schemas/pool.schema.json and schemas/notification.schema.json,
// then the validators precompiled from them (reconciler/load/generated/, scripts/validators.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDriverTargets } from '../reconciler/load/pool-schema-drivers.ts';
import { withFormats } from '../reconciler/notify/formats/schema.ts';
import { projectRoot } from '../reconciler/paths.ts';
import { validatorModules } from './validators.ts';

const files: [string, (schema: Record<string, unknown>) => Record<string, unknown>][] = [
  [join(projectRoot, 'schemas', 'pool.schema.json'), withDriverTargets],
  [join(projectRoot, 'schemas', 'notification.schema.json'), withFormats],
];
for (const [path, generate] of files) {
  const schema = generate(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
}
// The committed files keep the project's JSON formatting.
execFileSync(join(projectRoot, 'node_modules', '.bin', 'biome'), [
  'format',
  '--write',
  ...files.map(([path]) => path),
]);
// The validators are made from the schemas as written above (they are compared as text by their test).
for (const { module, text } of validatorModules()) writeFileSync(join(projectRoot, module), text);
