// The StateStore port: everything quiesce remembers, behind one async interface (folder or PostgreSQL).
import type { Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { AuditEntry, AuditQuery, AuditRecord } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import type { NotifyMemory } from '../status/notified.ts';
import type { WatchStatus } from '../status/types.ts';
import type { DrainRecord, ServiceKey } from './drain-record.ts';
import type { KeyedRecord } from './keyed-record.ts';
import type { Lease, LockHolder, LockRequest } from './lock.ts';
import type { Ownership, WatcherSession } from './ownership.ts';
import type { PoolSnapshot } from './pool-snapshot.ts';

/** What every store call returns. */
export type StateResult<T> = Promise<Result<T, StateError>>;

/** One lock per pool, naming its holder; survives a crash without wedging. */
export interface LockStore {
  /** Takes the pool's lock, waiting up to `timeoutMs`, or fails (Locked) naming the holder. */
  acquireLock(request: LockRequest): StateResult<Lease>;
  /** Every lock held now. */
  lockHolders(): StateResult<LockHolder[]>;
  /** Releases a lock whose holder cannot be reached, if `id` matches (NoSuchLock if not); audited. */
  forceUnlock(pool: string, id: string, by: Actor): StateResult<LockHolder>;
}

/** The audit: appended per executed step, read by `quiesce history`. */
export interface AuditStore {
  /** Resolves once the record is durable. */
  appendAudit(record: AuditRecord): StateResult<void>;
  /**
   * Appends an executed step's (or maintenance action's) record and keeps the drain records in step (a
   * pause opens one, a resume or start closes it). PostgreSQL does it in one statement, grouped with other
   * steps', that also confirms the pool's lock (the fence).
   */
  recordStep(record: AuditEntry): StateResult<void>;
  /** Matching records, oldest first. */
  queryAudit(query: AuditQuery): StateResult<AuditRecord[]>;
}

/** The watcher's status document (status.json in the folder store). */
export interface StatusStore {
  /** Replaces the document (last writer wins). */
  writeStatus(document: WatchStatus): StateResult<void>;
  /** The document last written, or null when there is none (or it is unreadable in the folder store). */
  readStatus(): StateResult<WatchStatus | null>;
}

/** What notifications a watcher already sent, so a restarted watcher sends nothing twice; one per store. */
export interface NotifiedStore {
  /** The memory last written, or null when there is none (or it is unreadable: the next write replaces it). */
  readNotified(): StateResult<NotifyMemory | null>;
  /** Replaces the memory. */
  writeNotified(memory: NotifyMemory): StateResult<void>;
}

/** A watcher's guard, held while it runs. */
export interface WatchGuard {
  /** Lets go of it (only ever our own). */
  release(): Promise<void>;
}

/** One watcher at a time where the store needs it: the folder store has one watcher per state dir. */
export interface WatchGuardStore {
  /**
   * Takes the guard or fails (Locked) naming its holder. The folder store: `<state-dir>/lock`. PostgreSQL
   * needs none: watchers on several machines share its pools through ownership.
   */
  guardWatcher(actor: Actor): StateResult<WatchGuard>;
}

/** When each service's drain began. */
export interface DrainStore {
  /** Records a drain's start; a drain already recorded keeps its earlier start. */
  recordDrain(record: DrainRecord): StateResult<void>;
  /** Forgets a drain (the service is back in rotation). */
  clearDrain(key: ServiceKey): StateResult<void>;
  /** The pool's open drains. */
  drains(pool: string): StateResult<DrainRecord[]>;
}

/** The last observations and status per pool. */
export interface SnapshotStore {
  /** Replaces the pool's snapshot. */
  saveSnapshot(snapshot: PoolSnapshot): StateResult<void>;
  /** Snapshots of the listed pools (all when omitted), in pool-name order. */
  snapshots(pools?: readonly string[]): StateResult<PoolSnapshot[]>;
}

/** Which watcher owns which pool. */
export interface OwnershipStore {
  /** Starts a watcher's session; it owns nothing until it claims. */
  openWatcher(actor: Actor): StateResult<WatcherSession>;
  /** Live owners, in pool-name order. */
  owners(): StateResult<Ownership[]>;
}

/** Generic keyed records (rounds). */
export interface RecordStore {
  putRecord(kind: string, key: string, value: unknown): StateResult<void>;
  getRecord(kind: string, key: string): StateResult<KeyedRecord | null>;
  listRecords(kind: string): StateResult<KeyedRecord[]>;
  deleteRecord(kind: string, key: string): StateResult<void>;
}

/** The whole port. */
export interface StateStore
  extends LockStore,
    AuditStore,
    StatusStore,
    NotifiedStore,
    WatchGuardStore,
    DrainStore,
    SnapshotStore,
    OwnershipStore,
    RecordStore {
  /** Where the state lives, safe to print (a folder, or a URL without its password). */
  readonly location: string;
  /** Closes connections; held leases and watcher sessions end with it. */
  close(): Promise<void>;
}
