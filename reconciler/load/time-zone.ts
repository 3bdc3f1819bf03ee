// IANA time zones through Intl: is a name one, and how is it canonically spelt.

/** The zone's canonical name (`europe/berlin` → `Europe/Berlin`), or null when Intl does not know it. */
export function canonicalZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Every zone name Intl knows, for "did you mean". */
export const knownZones = (): string[] => ['UTC', ...Intl.supportedValuesOf('timeZone')];
