// The Lync Server 2013 Front End quorum: how many servers, among the first N, must stay up.

/** Servers that must stay up, counted among the first `of` servers in declaration order; null outside 2–12. */
export function lync2013Quorum(size: number): { required: number; of: number } | null {
  if (size === 2) return { required: 1, of: 2 };
  if (size >= 3 && size <= 4) return { required: 2, of: size };
  if (size >= 5 && size <= 6) return { required: 3, of: size };
  if (size === 7) return { required: 4, of: 7 };
  if (size >= 8 && size <= 9) return { required: 4, of: 7 };
  if (size >= 10 && size <= 12) return { required: 5, of: 9 };
  return null;
}
