// Lists the pool files under the given paths: *.yaml/*.yml, recursively, dot-entries skipped.
import { readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadIssue } from '../errors.ts';
import { fileIssue } from './issue.ts';

const YAML_FILE = /\.ya?ml$/i;

/** Pool files in a stable order, plus the problems met while looking (loops, unreadable folders). */
export function findFiles(paths: string[]): { files: string[]; issues: LoadIssue[] } {
  const files: string[] = [];
  const issues: LoadIssue[] = [];
  const seenDirs = new Set<string>();

  function visit(path: string, explicit: boolean): void {
    let info: Stats;
    try {
      info = statSync(path);
    } catch (error) {
      issues.push(fileIssue('io', path, describeFsError(error), hintFor(error)));
      return;
    }
    if (info.isFile()) {
      if (explicit || YAML_FILE.test(path)) files.push(path);
      return;
    }
    if (!info.isDirectory()) return;
    const real = realpathSync(path);
    if (seenDirs.has(real)) {
      issues.push(
        fileIssue(
          'io',
          path,
          `symbolic link loop: ${path} leads back to ${real}`,
          'remove the link',
        ),
      );
      return;
    }
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(path).filter((name) => !name.startsWith('.'));
    } catch (error) {
      issues.push(fileIssue('io', path, describeFsError(error), hintFor(error)));
      return;
    }
    entries.sort();
    for (const name of entries) visit(join(path, name), false);
  }

  for (const path of paths) visit(path, true);
  return { files, issues };
}

/** A person-readable sentence for a file-system error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (error as Error).message;
  }
}

function hintFor(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'check the path (the default is ./desired-state)';
  if (code === 'EACCES' || code === 'EPERM') return 'make it readable by the user running quiesce';
  if (code === 'ELOOP') return 'remove the link';
  return null;
}
