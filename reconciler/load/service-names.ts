// Windows service names ignore case: `RTCSRV` and `rtcsrv` are one service.

/** Lower-case spelling of a name, for comparing without regard to case. */
export const caseless = (name: string): string => name.toLowerCase();

/** The declared spelling of each name, by its lower-case form (the first wins when two differ only in case). */
export function spellings(names: Iterable<string>): Map<string, string> {
  const byCaseless = new Map<string, string>();
  for (const name of names) {
    const id = caseless(name);
    if (!byCaseless.has(id)) byCaseless.set(id, name);
  }
  return byCaseless;
}
