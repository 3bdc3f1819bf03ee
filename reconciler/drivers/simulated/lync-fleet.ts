// The simulated pool's Lync answers in its fleet file ("lync"): upgrade domains for the readiness gate and
// missing replicas for the fabric gate, checked like the rest of the file.

/** One upgrade domain as Get-CsPoolUpgradeReadinessState lists it: its name, ReadyForUpgrade, its Front Ends. */
export interface SimUpgradeDomain {
  name: string;
  ready: boolean;
  servers: string[];
}

/** `"lync"` in the fleet file. */
export interface SimLync {
  /** What the readiness answer lists; absent: no upgrade domains in the answer. */
  upgradeDomains?: SimUpgradeDomain[];
  /** How many missing replicas Get-CsPoolFabricState shows; absent: 0. */
  missingReplicas?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a fleet file's `lync`, or null. */
export function lyncProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (!isRecord(value))
    return 'lync must be an object {"upgradeDomains": [...], "missingReplicas": n}';
  const { upgradeDomains, missingReplicas } = value;
  if (
    missingReplicas !== undefined &&
    !(Number.isInteger(missingReplicas) && (missingReplicas as number) >= 0)
  )
    return 'lync.missingReplicas must be a whole number >= 0';
  if (upgradeDomains === undefined) return null;
  if (!Array.isArray(upgradeDomains)) return 'lync.upgradeDomains must be an array';
  for (const [i, domain] of upgradeDomains.entries()) {
    const at = `lync.upgradeDomains[${i}]`;
    if (!isRecord(domain)) return `${at} must be an object {"name", "ready", "servers"}`;
    if (typeof domain.name !== 'string' || domain.name === '') return `${at}.name must be a name`;
    if (typeof domain.ready !== 'boolean') return `${at}.ready must be true or false`;
    if (!Array.isArray(domain.servers) || !domain.servers.every((s) => typeof s === 'string'))
      return `${at}.servers must be an array of server names`;
  }
  return null;
}
