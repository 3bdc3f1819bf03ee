// The simulated answers to the lync gates, from the fleet file: "readiness" (PoolUpgradeState) and "lync"
// (upgrade domains with ReadyForUpgrade, missing replicas), shaped as the windows driver parses the real cmdlets.
import type { Result } from 'neverthrow';
import type { FabricReply, ReadinessReply } from '../descriptor.ts';
import { readFleet } from './fleet-file.ts';
import { simulatedPath } from './simulated-driver.ts';

/**
 * The pool's readiness as written in its fleet file (Ready, no upgrade domains, when absent or no file yet), as
 * Get-CsUpgradeDomainInfo under quorum sfb2019 and Get-CsPoolUpgradeReadinessState otherwise; or why it cannot
 * be read.
 */
export function simulatedReadiness(
  stateDir: string,
  pool: string,
  sfb2019 = false,
): Result<ReadinessReply, string> {
  return readFleet(simulatedPath(stateDir, pool)).map((fleet) => ({
    cmdlet: sfb2019 ? 'Get-CsUpgradeDomainInfo' : 'Get-CsPoolUpgradeReadinessState',
    state: fleet?.readiness ?? 'Ready',
    domains: (fleet?.lync?.upgradeDomains ?? []).map((d) => ({
      name: d.name,
      ready: d.ready,
      servers: [...d.servers],
    })),
  }));
}

/** Get-CsPoolFabricState -PoolFqdn as the fleet file says: one line per missing replica (none when absent). */
export function simulatedFabric(
  stateDir: string,
  pool: string,
  fqdn: string,
): Result<FabricReply, string> {
  return readFleet(simulatedPath(stateDir, pool)).map((fleet) => ({
    missing: Array.from(
      { length: fleet?.lync?.missingReplicas ?? 0 },
      (_, i) => `routing group ${i + 1} of ${fqdn}: missing replica (simulated)`,
    ),
  }));
}
