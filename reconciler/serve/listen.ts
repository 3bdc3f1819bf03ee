// Parses `--listen` and says whether an address is loopback (anything else needs a token).
import { isIP } from 'node:net';

/** Where to listen. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`, `:9464` or `9464` (loopback); a message on anything else. */
export function parseListen(text: string): ListenAddress | string {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*))?:?([0-9]{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  const host = match?.[1] ?? (match?.[2] || '127.0.0.1');
  if (match === null || port > 65535 || (match[1] !== undefined && isIP(match[1]) !== 6))
    return `--listen must be HOST:PORT, such as 127.0.0.1:9464 or [::1]:9464 (got '${text}')`;
  if (host !== 'localhost' && isIP(host) === 0 && !/^[A-Za-z0-9.-]+$/.test(host))
    return `--listen has a host that is neither an address nor a name (got '${text}')`;
  return { host, port };
}

/** Whether only this machine can reach the address. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
