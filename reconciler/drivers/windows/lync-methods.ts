// The windows driver's drain.method steps: one Lync cmdlet per step through the server's PowerShell session.
import { err, ok, type ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import { parseReturnValue } from './cim-output.ts';
import {
  LYNC_CODES,
  type LyncStep,
  lyncStepLimitMs,
  lyncStepScript,
} from './lync-methods-script.ts';
import type { SessionPool } from './sessions.ts';

/**
 * Runs `step` on `service` of `host`: the Lync cmdlet once (a service already so needs none), within the
 * session's time limit, or a failover's -WaitTime (and a failback's hour) plus that limit; a failed failover or
 * failback is never retried.
 */
export function runLyncStep(
  sessions: SessionPool,
  host: string,
  service: string,
  step: LyncStep,
  computer: string | null,
  timeoutMs: number,
): ResultAsync<void, DriverError> {
  const what = `${step.action} ${service}`;
  const script = lyncStepScript(service, step, host, computer);
  return sessions
    .run(host, script, what, lyncStepLimitMs(step, timeoutMs))
    .mapErr((error) =>
      // A failover or failback that failed has waited its -WaitTime already: a retry would wait as long again.
      step.action === 'graceful-stop' ? error : { ...error, transient: false },
    )
    .andThen((text) => {
      const code = parseReturnValue(text);
      switch (code) {
        case LYNC_CODES.done:
          return ok(undefined);
        case LYNC_CODES.notInstalled:
          return err(
            driverError('NotFound', `${what} on ${host}: service is not installed (1060)`),
          );
        case LYNC_CODES.noCmdlet:
          return err(
            driverError(
              'Unexpected',
              `${what} on ${host}: the Lync Server / Skype for Business Server module is not on ${host} (drain.method ${step.action === 'graceful-stop' ? 'graceful-stop' : 'failover'} runs its cmdlets there); install the administrative tools, or use drain.method: pause`,
            ),
          );
        default:
          return err(
            driverError(
              'Unexpected',
              `${what} on ${host}: unexpected answer ${JSON.stringify(text.slice(0, 120))}`,
            ),
          );
      }
    });
}
