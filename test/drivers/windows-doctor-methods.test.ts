// quiesce doctor's findings for a pool with a drain.method: the Lync module is needed (a failure where it is
// missing, naming the method and the way out), and a service that does not accept pause is no failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { answerFindings } from '../../reconciler/drivers/windows/doctor-findings.ts';
import type { DoctorAnswer } from '../../reconciler/drivers/windows/doctor-script.ts';
import type { DrainMethod, PoolSpec } from '../../reconciler/model.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { CIM_TARGET } from '../helpers/harnesses/windows-scm.ts';

const answer = (lync: boolean): DoctorAnswer => ({
  services: [
    {
      asked: 'RTCMEDIARELAY',
      name: 'RTCMEDIARELAY',
      missing: false,
      state: 'Running',
      startMode: 'Auto',
      acceptPause: false,
    } as DoctorAnswer['services'][number],
  ],
  counters: [],
  cimError: null,
  server: { psVersion: '5.1', utc: new Date(0).toISOString(), lync, access: [] },
  serverError: null,
});

const edge = (method?: DrainMethod): PoolSpec => {
  const p = pool('edge', { edge01: 'active' }, { services: ['RTCMEDIARELAY'] });
  return method === undefined ? p : { ...p, drain: { ...p.drain, method } };
};

const findings = (p: PoolSpec, lync: boolean) =>
  answerFindings(CIM_TARGET, p, 'edge01', answer(lync), { from: 0, to: 0 })
    .filter((f) => f.check === 'lync' || f.check === 'service')
    .map((f) => `${f.check} ${f.level}: ${f.message}${f.fix === null ? '' : ` — ${f.fix}`}`);

test('graceful-stop without the Lync module: a failure naming the method; pause support does not matter', () => {
  assert.equal(findings(edge('graceful-stop'), false), [
    'service ok: RTCMEDIARELAY: Running, startup Auto, does not accept pause',
    'lync fail: no Lync Server module (Get-CsPoolUpgradeReadinessState): drain.method graceful-stop needs it — install the Lync Server Management Shell on edge01, or use drain.method: pause',
  ]);
  assert.equal(findings(edge('failover'), true), [
    'service ok: RTCMEDIARELAY: Running, startup Auto, does not accept pause',
    'lync ok: the Lync Server module is present',
  ]);
});

test('pause: a service that cannot pause fails with graceful-stop as the way out; no module is only a note', () => {
  assert.equal(findings(edge(), false), [
    'service fail: RTCMEDIARELAY: Running, startup Auto, does not accept pause — this pool drains by pausing: use drain.method: graceful-stop (Stop-CsWindowsService -Graceful), or remove RTCMEDIARELAY from spec.services',
    'lync note: no Lync Server module (Get-CsPoolUpgradeReadinessState)',
  ]);
});

test.run();
