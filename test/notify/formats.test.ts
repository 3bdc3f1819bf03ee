// The notification format registry: the sender's payloads and the Notification schema's `format` come from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NOTIFICATION_FORMATS, payloads } from '../../reconciler/notify/formats/index.ts';
import { withFormats } from '../../reconciler/notify/formats/schema.ts';
import { projectRoot } from '../../reconciler/paths.ts';

const committed = () =>
  JSON.parse(readFileSync(join(projectRoot, 'schemas', 'notification.schema.json'), 'utf8'));

test('the committed Notification schema equals what the registry generates (npm run schema)', () => {
  assert.equal(committed(), withFormats(committed()), 'run npm run schema');
});

test("the schema's format enum is the registry's formats, in order; each has a payload", () => {
  const names = Object.keys(NOTIFICATION_FORMATS);
  assert.equal(names, ['generic', 'slack', 'teams', 'alertmanager']);
  assert.equal(committed().properties.spec.properties.format.enum, names);
  assert.equal(Object.keys(payloads), names);
});

test.run();
