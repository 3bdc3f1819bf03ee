// Semantic checks of `drain.method`: failover is Skype for Business Server 2015/2019's, and every method but
// pause runs Lync cmdlets, which a windows target `via: sc` cannot.
import type { Report } from './name-checks.ts';
import type { PoolDocument } from './pool-document.ts';

/** Reports every problem of the pool's drain method. */
export function methodChecks(spec: PoolDocument['spec'], report: Report): void {
  const method = spec.drain?.method;
  if (method === undefined || method === 'pause') return;
  if (method === 'failover' && spec.budget?.quorum === 'lync2013')
    report(
      'invalid-value',
      '/spec/drain/method',
      false,
      'drain method failover needs Skype for Business Server 2015 or 2019: Invoke-CsComputerFailOver is not in Lync Server 2013, and this pool has quorum lync2013',
      'use method pause or graceful-stop for a Lync Server 2013 pool, or quorum sfb2015 / sfb2019 if the pool runs Skype for Business Server',
    );
  const targets = Array.isArray(spec.target) ? spec.target : [spec.target];
  targets.forEach((target, index) => {
    if (target.driver !== 'windows' || target.via !== 'sc') return;
    const at = Array.isArray(spec.target) ? `/spec/target/${index}/via` : '/spec/target/via';
    report(
      'invalid-value',
      at,
      false,
      `drain method ${method} runs Lync cmdlets in PowerShell on the server; a windows target via sc has none`,
      'use via: ssh or via: cim, or drain method pause',
    );
  });
}
