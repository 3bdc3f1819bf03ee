// Where desired state comes from: a folder (revision from git or a digest) or a git repository.
export { digestRevision, directoryRevision } from './directory-revision.ts';
export type { Checkout, GitSourceOptions } from './git-source.ts';
export { GitSource } from './git-source.ts';
export { redactText, redactUrl } from './redact.ts';
export type { DesiredSource, SourceRead } from './source.ts';
export { directorySource, gitSource } from './source.ts';
