// Checks of `spec.lync` against the gates that need it: lync-fabric asks about the pool's FQDN (spec.lync.pool).
import type { DriverGate } from '../drivers/descriptor.ts';
import type { Report } from './name-checks.ts';
import type { PoolDocument } from './pool-document.ts';

/** The cmdlet each driver gate runs, for messages. */
export const GATE_CMDLETS: Record<DriverGate, string> = {
  'lync2013-readiness': 'Get-CsPoolUpgradeReadinessState',
  'lync-fabric': 'Get-CsPoolFabricState',
};

/** Reports a lync-fabric gate in a pool that does not say which Lync pool it is (no spec.lync.pool). */
export function lyncGateChecks(spec: PoolDocument['spec'], pool: string, report: Report): void {
  if (spec.lync !== undefined) return;
  (spec.maintenance?.gates ?? []).forEach((gate, index) => {
    if (gate !== 'lync-fabric') return;
    report(
      'invalid-value',
      `/spec/maintenance/gates/${index}`,
      false,
      `gate lync-fabric needs the Lync pool's FQDN (Get-CsPoolFabricState -PoolFqdn): pool \`${pool}\` has no spec.lync.pool`,
      'add spec.lync: {pool: <the pool FQDN as Topology Builder names it, such as pool01.contoso.com>}',
    );
  });
}
