export { findFiles } from './find-files.ts';
export { MAX_DEPTH, MAX_EXPANDED_NODES, MAX_FILE_BYTES } from './limits.ts';
export { loadDesiredState, sortIssues } from './load-desired-state.ts';
export type { Locate } from './schema-messages.ts';
