// Semantic checks of `drain.method`: failover is Skype for Business Server 2015/2019's and takes a whole server
// out (no service of it overridden to stay), and every method but pause runs Lync cmdlets, which a windows
// target `via: sc` cannot.
import type { Report } from './name-checks.ts';
import type { PoolDocument } from './pool-document.ts';
import { escapePointer } from './positions.ts';
import { quote } from './quote.ts';

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
  if (spec.drain?.onTimeout === 'stop')
    report(
      'invalid-value',
      '/spec/drain/onTimeout',
      false,
      `drain onTimeout stop works with method pause only: under ${method} a draining service is StopPending already and takes no other control${method === 'failover' ? ', and the failover itself ends at drain.timeout (-WaitTime)' : ''}`,
      'use onTimeout: wait with this method, or method pause',
    );
  if (method === 'failover')
    for (const [server, entry] of Object.entries(spec.servers)) {
      if (typeof entry === 'string' || entry.services === undefined) continue;
      for (const [service, mode] of Object.entries(entry.services)) {
        if (mode === entry.mode) continue;
        report(
          'invalid-value',
          `/spec/servers/${escapePointer(server)}/services/${escapePointer(service)}`,
          true,
          `service ${quote(service)} of ${quote(server)} is ${mode} while the server is ${entry.mode}: drain method failover takes the whole server out or brings it all back (Invoke-CsComputerFailOver / FailBack), never one service`,
          'remove the override, or use drain method pause or graceful-stop, which drain one service at a time',
        );
      }
    }
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
