// The Lync Server 2013 / Skype for Business Server 2015 and 2019 Front End pool quorum (Microsoft's pool-level
// table, "Front End Pool high availability and management",
// https://learn.microsoft.com/skypeforbusiness/plan-your-deployment/high-availability-and-disaster-recovery/high-availability).

/** The quorum presets: one per product version whose pool-level table quiesce knows. */
export const LYNC_QUORUM_PRESETS = ['lync2013', 'sfb2015', 'sfb2019'] as const;

/** A Lync quorum preset's name. */
export type LyncQuorumPreset = (typeof LYNC_QUORUM_PRESETS)[number];

/** One row of the table: `required` of the first `of` servers (declaration order) must stay up. */
export interface QuorumRow {
  required: number;
  of: number;
}

/** The rows every version shares (2–12 Front End servers). */
function sharedRows(size: number): QuorumRow | null {
  if (size === 2) return { required: 1, of: 2 };
  if (size >= 3 && size <= 4) return { required: 2, of: size };
  if (size >= 5 && size <= 6) return { required: 3, of: size };
  if (size === 7) return { required: 4, of: 7 };
  if (size >= 8 && size <= 9) return { required: 4, of: 7 };
  if (size >= 10 && size <= 12) return { required: 5, of: 9 };
  return null;
}

/** The pool sizes a preset is defined for: 2–12; Skype for Business Server 2019: 3–16 (no two-server pools). */
export function presetSizes(preset: LyncQuorumPreset): { min: number; max: number } {
  return preset === 'sfb2019' ? { min: 3, max: 16 } : { min: 2, max: 12 };
}

/**
 * Every row of the preset's table that covers a pool of `size` servers (all must hold: for Skype for Business
 * Server 2019 two rows cover 12 servers, "any 5 of the first 9" and "any 7 of the first 12"); null outside the
 * sizes the preset is defined for.
 */
export function lyncQuorum(preset: LyncQuorumPreset, size: number): QuorumRow[] | null {
  const { min, max } = presetSizes(preset);
  if (size < min || size > max) return null;
  const rows: QuorumRow[] = [];
  const shared = sharedRows(size);
  if (shared !== null) rows.push(shared);
  if (preset === 'sfb2019' && size >= 12) rows.push({ required: 7, of: 12 });
  return rows;
}

/** The Lync Server 2013 row for `size` servers (2–12), or null. */
export function lync2013Quorum(size: number): QuorumRow | null {
  return lyncQuorum('lync2013', size)?.[0] ?? null;
}
