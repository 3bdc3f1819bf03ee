// <state-dir>/fleet-view.json: the last FleetView a watcher made, for `quiesce serve` (until the state store holds it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'neverthrow';
import { saveFileAtomic } from '../atomic-file.ts';
import type { FleetView } from '../report/fleet-view.ts';

/** Path of the view file in a state dir. */
export const viewPath = (stateDir: string) => join(stateDir, 'fleet-view.json');

/** Writes the view atomically; err(one line) on failure. */
export const writeView = (stateDir: string, view: FleetView): Result<void, string> =>
  saveFileAtomic(viewPath(stateDir), JSON.stringify(view));

/** The view last written, or null when there is none (or it cannot be read). */
export function readView(stateDir: string): FleetView | null {
  try {
    const view = JSON.parse(readFileSync(viewPath(stateDir), 'utf8')) as FleetView;
    return view?.formatVersion === 1 && Array.isArray(view.pools) ? view : null;
  } catch {
    return null;
  }
}
