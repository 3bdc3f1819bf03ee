export { readStatus, statusPath, writeStatus } from '../state/folder/status-file.ts';
export type { Condition, PoolSummary, WatchStatus } from '../status/types.ts';
export { coalescing } from './coalesce.ts';
export type { ConvergeOptions, ConvergeResult } from './converge.ts';
export { converge } from './converge.ts';
export type { LoopContext, LoopEvent, LoopState, ReconcileResult } from './reconcile-once.ts';
export { reconcileOnce } from './reconcile-once.ts';
export type { Checkout, DesiredSource, GitSourceOptions, SourceRead } from './source/index.ts';
export {
  digestRevision,
  directoryRevision,
  directorySource,
  GitSource,
  gitSource,
  redactText,
  redactUrl,
} from './source/index.ts';
export type { WatchOptions } from './watch.ts';
export { watchLoop } from './watch.ts';
