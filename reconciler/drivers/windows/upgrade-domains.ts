// The upgrade domains of a readiness answer (Get-CsPoolUpgradeReadinessState / Get-CsUpgradeDomainInfo), as the
// readiness script sends them: a list of items, each its properties as text. Microsoft documents what the answer
// holds ("the name of the upgrade domain; and a True/False value that indicates whether the current state of the
// pool allows it to be upgraded", the cmdlets' pages) and names ReadyForUpgrade (the upgrade guide), not the other
// property names: they are found by their likely names. Pure.
import type { UpgradeDomainReply } from '../descriptor.ts';

/** The list property that holds the domains: UpgradeDomains, else any …UpgradeDomain(s). */
const LIST = /^upgradedomains?$|upgradedomain/i;
/** The domain's name: UpgradeDomain, Name, Domain, Identity, …DomainName. */
const NAME = /^(upgradedomain|upgradedomainname|name|domain|domainname|identity|value)$/i;
/** Its Front Ends: a property naming front ends, servers, computers or members. */
const SERVERS = /frontend|server|computer|member|fqdn/i;

/** One item's properties as text. */
type Item = Record<string, unknown>;

const asItems = (value: unknown): Item[] =>
  (Array.isArray(value) ? value : value == null ? [] : [value]).filter(
    (v): v is Item => typeof v === 'object' && v !== null,
  );

/** True, False, or null when the text is neither. */
const truth = (text: unknown): boolean | null => {
  const t = String(text ?? '')
    .trim()
    .toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
};

/** One domain from its item, or null when it has no name. */
function domainOf(item: Item): UpgradeDomainReply | null {
  const keys = Object.keys(item);
  const nameKey = keys.find((k) => NAME.test(k)) ?? keys.find((k) => /domain/i.test(k));
  const name = nameKey === undefined ? '' : String(item[nameKey]).trim();
  if (name === '') return null;
  const readyKey = keys.find((k) => /^readyforupgrade$/i.test(k));
  const serverKey = keys.find((k) => k !== nameKey && SERVERS.test(k));
  const servers =
    serverKey === undefined
      ? []
      : String(item[serverKey])
          .split(/[,;\s]+/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
  return { name, ready: readyKey === undefined ? null : truth(item[readyKey]), servers };
}

/** The upgrade domains in one answer's lists (none when it lists none). */
export function upgradeDomainsOf(lists: unknown): UpgradeDomainReply[] {
  if (typeof lists !== 'object' || lists === null) return [];
  const entry = Object.entries(lists as Record<string, unknown>).find(([k]) => LIST.test(k));
  if (entry === undefined) return [];
  return asItems(entry[1]).flatMap((item) => {
    const domain = domainOf(item);
    return domain === null ? [] : [domain];
  });
}
