// The --state URL made into settings: a password's bad %-escape and the sslmode names, without a server.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { postgresTarget } from '../../reconciler/state/postgres/target.ts';

test('a password with a % not followed by two hex digits is one BadUrl line that never shows it', () => {
  const result = postgresTarget({ url: 'postgres://ann:se%zzcret@127.0.0.1:5432/q' });
  assert.ok(result.isErr());
  const error = result._unsafeUnwrapErr();
  assert.is(error.kind, 'BadUrl');
  assert.match(error.message, /%25/);
  assert.not.ok(error.message.includes('se%zzcret'), error.message);
  assert.not.ok(error.message.includes('cret'), error.message);
});

test('sslmode=require keeps node-postgres meaning (verified) and prints no warning', async () => {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.message);
  process.on('warning', listen);
  try {
    for (const mode of ['prefer', 'require', 'verify-ca']) {
      const target = postgresTarget({ url: `postgres://ann:pw@db.example/q?sslmode=${mode}` });
      assert.ok(target.isOk());
      const config = target._unsafeUnwrap().config('test');
      assert.ok(config.ssl, `${mode}: ssl on`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  assert.equal(warnings, []);
});

test.run();
