// One word per concept: no exported type name means two things, and "rollout" is retired from code names
// (the JSON keys `rollouts`/`rollout`, the record kind and the quiesce_rollout_* metrics keep it for compatibility).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(import.meta.dirname, '..', 'reconciler');
const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file.split('\\').join('/'), readFileSync(join(root, file), 'utf8')] as const);

test('every exported type, interface and class name is declared once under reconciler/', () => {
  const where = new Map<string, string[]>();
  for (const [file, text] of sources)
    for (const match of text.matchAll(/^export (?:interface|type|class) ([A-Za-z0-9_]+)/gm))
      where.set(match[1]!, [...(where.get(match[1]!) ?? []), file]);
  const twice = [...where].filter(([, files]) => files.length > 1);
  assert.equal(twice, [], `names declared more than once: ${JSON.stringify(twice)}`);
});

test('no file or code name says "rollout" (a round is one pass of a maintenance through its servers)', () => {
  const named = sources.flatMap(([file, text]) => [
    ...(/rollout/i.test(file) ? [file] : []),
    ...[...text.matchAll(/\b[A-Za-z_]*Rollout[A-Za-z]*\b|\brollout[A-Z][A-Za-z]*\b/g)].map(
      (m) => `${file}: ${m[0]}`,
    ),
  ]);
  assert.equal(named, []);
});

test.run();
