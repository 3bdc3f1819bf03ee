// The folder state store (--state-dir): its files and the store behind the StateStore port.
export type { AuditEntry } from './audit.ts';
export { auditPath } from './audit.ts';
export type { AuditRead, TornLine } from './audit-reader.ts';
export { parseAudit, readAudit } from './audit-reader.ts';
export { openFolderStore } from './folder-store.ts';
export type { HeldLock } from './lock.ts';
export { acquireLock, lockPath } from './lock.ts';
export type { LockFileHolder } from './lock-holder.ts';
export type { Condition, PoolSummary, WatchStatus } from './status-file.ts';
export { readStatus, statusPath, writeStatus } from './status-file.ts';
