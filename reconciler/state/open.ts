// The store schemes: where quiesce remembers things. A store is a folder under state/ and one row here.
import { err, ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../errors.ts';
import { openFolderStore } from './folder/index.ts';
import type { StateStore } from './store.ts';

/** What opening a store needs besides its location. */
export interface StoreContext {
  /** The environment a store reads its own settings from (PGPASSWORD, PGPASSFILE, …). */
  env: Record<string, string | undefined>;
  /** The command takes pool locks (apply, watch): a store may prepare for them. */
  locks: boolean;
}

/** One row: a store and how --state (or QUIESCE_STATE, or --state-dir) reaches it. */
export interface StoreScheme {
  /** The store's name; its contract test is test/state/<name>.test.ts (the contract suite, reused). */
  name: string;
  /** The URL schemes it takes, without the colon; none: it is the folder store, reached by a path. */
  protocols: readonly string[];
  /** What its location looks like, for messages. */
  example: string;
  open(location: string, context: StoreContext): Promise<Result<StateStore, StateError>>;
}

/** Every store: the folder store (--state-dir, the default), and those reached by URL. */
export const STORE_SCHEMES: readonly StoreScheme[] = [
  {
    name: 'folder',
    protocols: [],
    example: 'a folder (--state-dir PATH)',
    open: async (folder) => ok(openFolderStore(folder)),
  },
  {
    name: 'postgres',
    protocols: ['postgres', 'postgresql'],
    example: 'postgres://USER@HOST:PORT/DATABASE',
    // Loaded on use: the folder store's commands never load pg.
    open: async (url, { env, locks }) =>
      (await import('./postgres/postgres-store.ts')).openPostgresStore({ url, env, locks }),
  },
];

/** Where the store is: a URL of a scheme above, or else the state folder. */
export type StoreLocation = { url: string } | { folder: string };

/** The schemes reached by URL. */
const byUrl = () => STORE_SCHEMES.filter((s) => s.protocols.length > 0);

/** Opens the store at `location`; a URL of no known scheme is a BadUrl error naming the schemes. */
export async function openStateStore(
  location: StoreLocation,
  context: StoreContext,
): Promise<Result<StateStore, StateError>> {
  if ('folder' in location) {
    const folder = STORE_SCHEMES.find((s) => s.protocols.length === 0);
    if (folder === undefined) throw new Error('no folder store in STORE_SCHEMES');
    return folder.open(location.folder, context);
  }
  const urls = byUrl();
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(location.url)?.[1]?.toLowerCase() ?? '';
  const scheme = urls.find((s) => s.protocols.includes(protocol));
  // With one URL scheme, its own parser says best what is wrong with a URL it does not take.
  if (scheme === undefined && urls.length === 1) return urls[0]!.open(location.url, context);
  if (scheme === undefined)
    return err(
      stateError(
        'BadUrl',
        `--state takes ${urls.map((s) => s.example).join(' or ')}; it does not take this URL's scheme`,
      ),
    );
  return scheme.open(location.url, context);
}
