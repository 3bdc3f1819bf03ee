// history on the folder store: the index (audit.idx) is a cache; appended lines, a rewritten log, torn
// lines and a damaged index all give the same answer as reading audit.jsonl in full.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchesQuery } from '../../../reconciler/audit-record.ts';
import { auditIndexPath } from '../../../reconciler/state/folder/audit-index.ts';
import { queryFolderAudit } from '../../../reconciler/state/folder/audit-query.ts';
import { auditPath, readAudit } from '../../../reconciler/state/folder/index.ts';
import { value } from '../../helpers/builders/result.ts';
import { tempTree } from '../../helpers/builders/temp-tree.ts';
import { step } from '../contract.ts';

const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
const line = (i: number) => `${JSON.stringify(step(`p${i % 3}`, `fe${i % 4}.x`, at(i)))}\n`;
const queries = [
  {},
  { pool: 'p1' },
  { server: 'fe2.x' },
  { pool: 'p2', server: 'fe1.x' },
  { pool: 'p0', since: at(2_000) },
  { pool: 'nope' },
];
/** What a full read of audit.jsonl answers. */
const truth = (dir: string, query: object) =>
  readAudit(dir)
    ._unsafeUnwrap()
    .entries.filter((r) => matchesQuery(r, query));
const check = async (dir: string, what: string) => {
  for (const query of queries)
    assert.equal(
      value(await queryFolderAudit(dir, query)),
      truth(dir, query),
      `${what}: ${JSON.stringify(query)}`,
    );
};

test('the index answers as a full read does, and takes in lines appended since it was saved', async () => {
  const dir = tempTree();
  writeFileSync(auditPath(dir), Array.from({ length: 3_000 }, (_, i) => line(i)).join(''));
  await check(dir, 'first query builds the index');
  assert.ok(existsSync(auditIndexPath(dir)), 'audit.idx written');
  appendFileSync(auditPath(dir), `${line(3_000)}{"time":"2026-01-0`); // a torn last line
  appendFileSync(
    auditPath(dir),
    `\n${Array.from({ length: 500 }, (_, i) => line(3_001 + i)).join('')}`,
  );
  await check(dir, 'appended, with a torn line between');
  assert.equal(readAudit(dir)._unsafeUnwrap().torn.length, 1, 'the torn line is still reported');
  await check(dir, 'again, from the saved index');
});

test('a rewritten audit.jsonl or a damaged index is noticed: the index is rebuilt', async () => {
  const dir = tempTree();
  writeFileSync(auditPath(dir), Array.from({ length: 300 }, (_, i) => line(i)).join(''));
  await check(dir, 'built');
  // Rewritten to something longer that starts the same but differs before the indexed end.
  writeFileSync(
    auditPath(dir),
    Array.from({ length: 400 }, (_, i) => line(i + (i > 150 ? 7 : 0))).join(''),
  );
  await check(dir, 'rewritten');
  writeFileSync(auditPath(dir), line(5)); // shorter
  await check(dir, 'truncated');
  writeFileSync(auditIndexPath(dir), 'garbage');
  await check(dir, 'damaged index');
  writeFileSync(join(dir, 'audit.jsonl'), '');
  assert.equal(value(await queryFolderAudit(dir, {})), []);
});

test.run();
