// A bounded in-memory ring of open sessions per server over the last hour, for the page's charts.

/** One sample: ms since epoch, open sessions. */
export type Sample = [number, number];

/** How far back the charts look. */
export const HISTORY_MS = 3600_000;
/** Most samples kept per server (one an hour at 5 s spacing). */
export const HISTORY_POINTS = 720;
/** Samples closer than this replace the last one (a round every second would otherwise flood the ring). */
export const MIN_SPACING_MS = 5000;

/** An unchanged value is sampled again after this long. */
export const KEEP_FLAT_MS = 60_000;

/** Session history per `pool/server`. */
export class SessionHistory {
  readonly #series = new Map<string, Sample[]>();

  /** Records the servers seen this round; servers no longer seen are forgotten. */
  record(now: number, sessions: Map<string, number>): void {
    for (const key of this.#series.keys()) if (!sessions.has(key)) this.#series.delete(key);
    for (const [key, value] of sessions) {
      const series = this.#series.get(key) ?? [];
      const last = series.at(-1);
      const previous = series.at(-2);
      // An unchanged value needs a new point only once a minute (so the page changes only when data does).
      if (last !== undefined && last[1] === value && now - last[0] < KEEP_FLAT_MS) continue;
      // Keep the chart's shape: a sample within the spacing of the one before replaces it.
      if (last !== undefined && previous !== undefined && now - previous[0] < MIN_SPACING_MS)
        series[series.length - 1] = [now, value];
      else series.push([now, value]);
      while (
        series.length > HISTORY_POINTS ||
        (series[0] !== undefined && series[0][0] < now - HISTORY_MS)
      )
        series.shift();
      this.#series.set(key, series);
    }
  }

  /** The samples of one server, oldest first. */
  of(key: string): readonly Sample[] {
    return this.#series.get(key) ?? [];
  }
}
