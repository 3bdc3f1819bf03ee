// Gate memories in a map (the state store's keyed records stand in for it in production), and readiness replies.
import { ok } from 'neverthrow';
import {
  FRESH_MEMORY,
  type GateMemories,
  type GateMemory,
} from '../../../reconciler/apply/gate-memory.ts';
import type { ReadinessReply, UpgradeDomainReply } from '../../../reconciler/drivers/descriptor.ts';

/** GateMemories over `map` (key `pool/id`). */
export function mapGateMemories(map = new Map<string, GateMemory>()): GateMemories {
  return {
    async load(pool, id) {
      return ok({ ...(map.get(`${pool}/${id}`) ?? FRESH_MEMORY) });
    },
    async save(pool, id, memory) {
      map.set(`${pool}/${id}`, { ...memory });
      return ok(undefined);
    },
  };
}

/** A Get-CsPoolUpgradeReadinessState reply in `state`, with `domains` (none by default). */
export const reply = (state: string, domains: UpgradeDomainReply[] = []): ReadinessReply => ({
  cmdlet: 'Get-CsPoolUpgradeReadinessState',
  state,
  domains,
});
