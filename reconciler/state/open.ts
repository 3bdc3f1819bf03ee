// The store schemes: where quiesce remembers things. A store is a folder under state/ and one row here.
import { err, ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../errors.ts';
import { openFolderStore } from './folder/index.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import type { StateStore } from './store.ts';

/** What opening a store needs besides its location. */
export interface StoreContext {
  /** The environment a store reads its own settings from (PGPASSWORD, PGPASSFILE, …). */
  env: Record<string, string | undefined>;
  /** The command takes pool locks (apply, watch): a store may prepare for them. */
  locks: boolean;
}

/** One URL scheme of --state (or QUIESCE_STATE). */
export interface StoreScheme {
  /** The URL schemes it takes, without the colon. */
  protocols: readonly string[];
  /** What such a URL looks like, for messages. */
  example: string;
  open(url: string, context: StoreContext): Promise<Result<StateStore, StateError>>;
}

/** Every store reached by URL; without a URL, the folder store (--state-dir) holds everything. */
export const STORE_SCHEMES: readonly StoreScheme[] = [
  {
    protocols: ['postgres', 'postgresql'],
    example: 'postgres://USER@HOST:PORT/DATABASE',
    open: (url, { env, locks }) => openPostgresStore({ url, env, locks }),
  },
];

/** Where the store is: a URL of a scheme above, or else the state folder. */
export type StoreLocation = { url: string } | { folder: string };

/** Opens the store at `location`; a URL of no known scheme is a BadUrl error naming the schemes. */
export async function openStateStore(
  location: StoreLocation,
  context: StoreContext,
): Promise<Result<StateStore, StateError>> {
  if ('folder' in location) return ok(openFolderStore(location.folder));
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(location.url)?.[1]?.toLowerCase() ?? '';
  const scheme = STORE_SCHEMES.find((s) => s.protocols.includes(protocol));
  // With one URL scheme, its own parser says best what is wrong with a URL it does not take.
  if (scheme === undefined && STORE_SCHEMES.length === 1)
    return STORE_SCHEMES[0]!.open(location.url, context);
  if (scheme === undefined)
    return err(
      stateError(
        'BadUrl',
        `--state takes ${STORE_SCHEMES.map((s) => s.example).join(' or ')}; it does not take this URL's scheme`,
      ),
    );
  return scheme.open(location.url, context);
}
