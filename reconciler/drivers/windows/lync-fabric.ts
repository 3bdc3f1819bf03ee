// The lync-fabric gate on a windows pool: Get-CsPoolFabricState -PoolFqdn on a Front End of the pool, asked as
// the readiness gate is (another server than the one about to drain first, over ssh or through Invoke-Command).
import type { Result } from 'neverthrow';
import type { FabricReply } from '../descriptor.ts';
import { FABRIC_CMDLET, fabricScript, parseFabric } from './lync-fabric-script.ts';
import { askFrontEnds, type ReadinessOptions } from './readiness.ts';
import type { SessionPool } from './sessions.ts';
import type { WindowsTarget } from './target.ts';

/** The pool's fabric state (the lines reporting missing replicas) from the first of `servers` that answers. */
export function windowsFabric(
  target: WindowsTarget,
  servers: readonly string[],
  poolFqdn: string,
  options: ReadinessOptions & { sessions?: SessionPool } = {},
): Promise<Result<FabricReply, string>> {
  return askFrontEnds(
    target,
    servers,
    {
      cmdlet: FABRIC_CMDLET,
      what: 'fabric state',
      script: (computer) => fabricScript(poolFqdn, computer),
      parse: parseFabric,
    },
    options,
  );
}
