// JSON files of the folder store: read (absent is null), write atomically, every failure an Io StateError.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { saveFileAtomic, saveFileAtomicAsync } from '../../atomic-file.ts';
import { type StateError, stateError } from '../../errors.ts';
import { fsErrorMessage } from '../../fs-error.ts';

/** An Io error that says which file, what happened, and what to do. */
export function ioError(path: string, doing: string, error: unknown): StateError {
  return stateError('Io', fsErrorMessage(doing, path, error));
}

/** The parsed file, or null when it does not exist. */
export function readJson<T>(path: string): Result<T | null, StateError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err(ioError(path, 'read', error));
  }
  try {
    return ok(JSON.parse(text) as T);
  } catch (error) {
    return err(
      stateError(
        'Io',
        `${path} is not valid JSON (${(error as Error).message}); delete it to start afresh`,
      ),
    );
  }
}

/** Writes the value so readers see the old file or the new one; a failure is its one-line Io error. */
export function writeJson(path: string, value: unknown): Result<void, StateError> {
  return saveFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`).mapErr((message) =>
    stateError('Io', message),
  );
}

/** Writes to one path in the order they were asked for (a later write never lands under an earlier one). */
const queued = new Map<string, Promise<unknown>>();

/** writeJson without blocking the event loop: the value is serialised now, the writes to a path run in order. */
export function writeJsonAsync(path: string, value: unknown): Promise<Result<void, StateError>> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const done = (queued.get(path) ?? Promise.resolve()).then(() =>
    saveFileAtomicAsync(path, text).then((saved) =>
      saved.mapErr((message) => stateError('Io', message)),
    ),
  );
  queued.set(path, done);
  void done.then(() => {
    if (queued.get(path) === done) queued.delete(path);
  });
  return done;
}
