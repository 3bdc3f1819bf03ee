// reconciler/load/generated/ is what `npm run schema` makes of the committed schemas, gives the errors ajv's
// compiler gives, and brings no schema compiler into quiesce (start-up cost, issue 21).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validate as notificationValidate } from '../../reconciler/load/generated/notification-validator.ts';
import { validate as poolValidate } from '../../reconciler/load/generated/pool-validator.ts';
import { projectRoot } from '../../reconciler/paths.ts';
import { VALIDATORS, validatorModule, validatorModules } from '../../scripts/validators.ts';
import { importsOf } from '../helpers/architecture/import-graph.ts';

const committedText = (path: string) => readFileSync(join(projectRoot, path), 'utf8');
const schemaOf = (path: string) => JSON.parse(committedText(path));

test('the committed validators equal what npm run schema generates from the committed schemas', () => {
  const generated = validatorModules();
  assert.equal(
    generated.map((g) => g.module).sort(),
    readdirSync(join(projectRoot, 'reconciler/load/generated'))
      .map((file) => `reconciler/load/generated/${file}`)
      .sort(),
    'one module per schema, nothing else in generated/',
  );
  for (const { module, text } of generated)
    assert.ok(committedText(module) === text, `${module} is stale: run npm run schema`);
});

test('the check can fail: a changed schema makes different code', () => {
  const target = VALIDATORS[0]!;
  const schema = schemaOf(target.schema);
  schema.properties.metadata.properties.name.pattern = '^[a-z]+$';
  assert.is.not(validatorModule(schema, target), committedText(target.module));
});

test('a schema that is not valid JSON Schema 2020-12 is refused when generating', () => {
  const target = VALIDATORS[1]!;
  assert.throws(() => validatorModule({ type: 'no-such-type' }, target));
  assert.throws(() => validatorModule({ type: 'object', 'x-unknown': 1 }, target), /x-unknown/);
});

/** ajv's compiler with the options quiesce used before the validators were precompiled. */
function compiled(schemaPath: string, keywords: string[]) {
  const ajv = new Ajv2020.default({ allErrors: true, verbose: true, strict: true });
  for (const keyword of keywords) ajv.addKeyword(keyword);
  return ajv.compile(schemaOf(schemaPath));
}

// biome-ignore lint/suspicious/noExplicitAny: the example is edited freely, field by field
type Loose = Record<string, any>;
const yaml = (path: string) => load(committedText(path)) as Loose;

/** The example pool with one change made by `edit`. */
function pool(edit: (doc: Loose) => void): unknown {
  const doc = yaml('desired-state/fe-east.yaml');
  edit(doc);
  return doc;
}

const POOLS: [string, unknown][] = [
  ['valid', pool(() => {})],
  ['wrong apiVersion', pool((d) => (d.apiVersion = 'quiesce/v2'))],
  ['unknown key', pool((d) => (d.spec.replicas = 3))],
  ['bad mode', pool((d) => (d.spec.servers['fe01.contoso.com'] = 'drainin'))],
  ['number for a duration', pool((d) => (d.spec.drain.timeout = 0))],
  ['bad pool name', pool((d) => (d.metadata.name = 'Bad_Name'))],
  ['services not a list', pool((d) => (d.spec.services = 'RTCSRV'))],
  ['target without driver', pool((d) => (d.spec.target = {}))],
  ['haproxy target, empty', pool((d) => (d.spec.target = { driver: 'haproxy' }))],
  ['windows target, wrong types', pool((d) => (d.spec.target = { driver: 'windows', port: 'x' }))],
  ['target list, empty', pool((d) => (d.spec.target = []))],
  ['budget both', pool((d) => (d.spec.budget = { quorum: 'lync2013', minActive: -1 }))],
  ['a list, not a document', [1, 2]],
  ['nothing', null],
];

test('the precompiled Pool validator gives exactly the errors ajv.compile gives', () => {
  const reference = compiled('schemas/pool.schema.json', ['x-hint', 'x-number-hint']);
  for (const [name, doc] of POOLS) {
    const expected = reference(doc);
    assert.is(poolValidate(doc), expected, name);
    assert.equal(poolValidate.errors, reference.errors, name);
    if (name !== 'valid') assert.ok((poolValidate.errors ?? []).length > 0, `${name}: errors`);
  }
  assert.ok(poolValidate(POOLS[0]![1]), 'the example pool is valid');
});

const notification = (spec: Record<string, unknown>, name: unknown = 'team') => ({
  apiVersion: 'quiesce/v1',
  kind: 'Notification',
  metadata: { name },
  spec,
});

const NOTIFICATIONS: [string, unknown][] = [
  ['valid', notification({ events: ['Drained'], format: 'slack', urlFrom: 'env:URL' })],
  ['unknown event', notification({ events: ['Drainde'], format: 'slack', urlFrom: 'env:URL' })],
  [
    'events repeated',
    notification({ events: ['Drained', 'Drained'], format: 'slack', urlFrom: 'env:U' }),
  ],
  ['no format, extra key', notification({ events: ['Drained'], urlFrom: 'env:U', to: 'x' })],
  ['bad name', notification({ events: ['Stalled'], format: 'teams', urlFrom: 'env:U' }, 7)],
];

test('the precompiled Notification validator gives exactly the errors ajv.compile gives', () => {
  const reference = compiled('schemas/notification.schema.json', ['x-hint']);
  for (const [name, doc] of NOTIFICATIONS) {
    assert.is(notificationValidate(doc), reference(doc), name);
    assert.equal(notificationValidate.errors, reference.errors, name);
  }
  assert.ok(notificationValidate(NOTIFICATIONS[0]![1]), 'the valid one is valid');
  assert.not.ok(notificationValidate(NOTIFICATIONS[1]![1]), 'the check can fail');
});

test('the generated modules import only ajv runtime helpers, and reconciler/ no ajv code but them', () => {
  for (const { module } of VALIDATORS)
    for (const { specifier, typeOnly } of importsOf(module, committedText(module)))
      assert.ok(
        typeOnly || specifier.startsWith('ajv/dist/runtime/'),
        `${module} imports ${specifier}`,
      );
  const root = join(projectRoot, 'reconciler');
  for (const file of readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.split(/[\\/]/).includes('generated')) continue;
    for (const { specifier, typeOnly } of importsOf(file, readFileSync(join(root, file), 'utf8')))
      assert.ok(
        typeOnly || !/^ajv(\/|$)/.test(specifier),
        `reconciler/${file} imports ${specifier} (precompile it: scripts/validators.ts)`,
      );
  }
});

test('the built bundle (npm run build) holds no ajv code but its runtime helpers', () => {
  const bundle = join(projectRoot, 'dist', 'bundle', 'quiesce.cjs');
  assert.ok(existsSync(bundle), 'dist/bundle/quiesce.cjs is missing: npm run build');
  // esbuild heads each module it bundles with a comment naming its file.
  const modules = [
    ...readFileSync(bundle, 'utf8').matchAll(/^\/\/ node_modules\/(ajv\/\S*)$/gm),
  ].map((match) => match[1]!);
  assert.ok(modules.length > 0, 'the bundle uses the runtime helpers');
  for (const module of modules)
    assert.ok(module.startsWith('ajv/dist/runtime/'), `the bundle holds ${module}`);
});

test.run();
