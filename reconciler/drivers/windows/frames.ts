// Request and answer frames of a PowerShell session: one line each, base64 payloads, pure.
import { FRAME_MARK } from './bootstrap.ts';

/** One answer read from the session's stdout. */
export interface Frame {
  id: number;
  kind: 'hello' | 'ok' | 'error';
  text: string;
}

/** The stdin line that asks the session to run `script` as request `id`. */
export function requestLine(id: number, script: string): string {
  return `${id} ${Buffer.from(script, 'utf8').toString('base64')}\n`;
}

const FRAME = /#QZ# (\d+) (hello|ok|error) ([A-Za-z0-9+/]*={0,2})\r?$/;

/** The frame on one stdout line (it may follow noise on the same line), null for noise, 'bad' for a broken frame. */
export function parseFrame(line: string): Frame | null | 'bad' {
  const at = line.indexOf(FRAME_MARK);
  if (at < 0) return null;
  const match = FRAME.exec(line.slice(at));
  if (match === null || match[3]!.length % 4 !== 0) return 'bad';
  return {
    id: Number(match[1]),
    kind: match[2] as Frame['kind'],
    text: Buffer.from(match[3]!, 'base64').toString('utf8'),
  };
}

/** Splits a growing stdout buffer into complete lines and the unfinished rest. */
export function takeLines(buffer: string): { lines: string[]; rest: string } {
  const end = buffer.lastIndexOf('\n');
  if (end < 0) return { lines: [], rest: buffer };
  return { lines: buffer.slice(0, end).split('\n'), rest: buffer.slice(end + 1) };
}
