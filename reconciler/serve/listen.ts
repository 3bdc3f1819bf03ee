// Parses `--listen` and says whether an address is loopback (anything else needs a token).
import { isIP } from 'node:net';

/** Where to listen. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`, `:9464` or `9464` (loopback); a message on anything else. */
export function parseListen(text: string): ListenAddress | string {
  const usage = `--listen must be HOST:PORT, such as 127.0.0.1:9464 or [::1]:9464 (got '${text}')`;
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:([0-9]{1,5})$/.exec(text);
  const colon = text.lastIndexOf(':');
  const [host, portText] = /^[0-9]{1,5}$/.test(text)
    ? ['', text]
    : bracketed !== null
      ? [bracketed[1] as string, bracketed[2] as string]
      : colon < 0
        ? ['', '']
        : [text.slice(0, colon), text.slice(colon + 1)];
  const port = Number(portText);
  if (!/^[0-9]{1,5}$/.test(portText) || port > 65535) return usage;
  if (bracketed !== null && isIP(host) !== 6) return usage;
  if (bracketed === null && host.includes(':')) return usage;
  if (host !== '' && isIP(host) === 0 && !/^[A-Za-z0-9.-]+$/.test(host))
    return `--listen has a host that is neither an address nor a name (got '${text}')`;
  return { host: host === '' ? '127.0.0.1' : host, port };
}

/** Whether only this machine can reach the address. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
