// HAProxy's runtime API: one command line over a unix socket or loopback TCP, answer read to the end.
import { createConnection } from 'node:net';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';

/** Bounded excerpt of an answer, for error messages. */
export const excerpt = (text: string) =>
  JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

function connectOptions(socket: string): { path: string } | { host: string; port: number } {
  const tcp = /^tcp:\/\/(.+):([0-9]+)$/.exec(socket);
  if (tcp === null) return { path: socket };
  return { host: (tcp[1] as string).replace(/^\[(.*)\]$/, '$1'), port: Number(tcp[2]) };
}

/** Sends `command` (one line; `;` separates several) and resolves with everything HAProxy answered. */
export function runtimeCommand(
  socket: string,
  command: string,
  timeoutMs = 5000,
): ResultAsync<string, DriverError> {
  return new ResultAsync(
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const fail = (error: DriverError) => finish(err(error));
      const finish = (answer: Result<string, DriverError>) => {
        if (settled) return;
        settled = true;
        connection.destroy();
        resolve(answer);
      };
      const connection = createConnection(connectOptions(socket));
      connection.setTimeout(timeoutMs, () =>
        fail(driverError('Timeout', `no answer from ${socket} within ${timeoutMs} ms`)),
      );
      connection.on('connect', () => connection.end(`${command}\n`));
      connection.on('data', (chunk) => chunks.push(chunk));
      connection.on('end', () => finish(ok(Buffer.concat(chunks).toString('utf8'))));
      connection.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? '';
        if (code === 'EACCES' || code === 'EPERM')
          fail(driverError('AccessDenied', `permission denied on ${socket}`));
        else if (
          ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTSOCK', 'EHOSTUNREACH'].includes(code)
        ) {
          fail(
            driverError(
              'Unreachable',
              `HAProxy runtime API ${socket}: ${code === 'ENOENT' ? 'no such socket' : code}`,
            ),
          );
        } else fail(driverError('Unexpected', `HAProxy runtime API ${socket}: ${error.message}`));
      });
    }),
  );
}

/** The DriverError an answer carries, if HAProxy refused the command. */
export function answerError(answer: string, what: string): DriverError | null {
  const text = answer.trim();
  if (/^Permission denied/m.test(text))
    return driverError(
      'AccessDenied',
      `HAProxy refused ${what}: permission denied (the socket needs "level admin")`,
    );
  if (/^(Can't find backend|No such backend)/m.test(text))
    return driverError('NotFound', `HAProxy has no backend for ${what}`);
  if (/^No such server/m.test(text))
    return driverError('NotFound', `HAProxy has no server for ${what}`);
  if (/^Unknown command/m.test(text))
    return driverError('Unexpected', `HAProxy did not understand ${what}: ${excerpt(text)}`);
  return null;
}
