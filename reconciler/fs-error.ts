// One-line messages for file-system errors: what failed, on which path, and what to do about it.

const hints: Record<string, string> = {
  ENOSPC: 'no space left on device; free space on that file system and run again',
  EDQUOT: 'disk quota exceeded; free space or raise the quota and run again',
  EACCES: 'permission denied; give this user write access or pick another --state-dir',
  EPERM: 'operation not permitted; give this user write access or pick another --state-dir',
  EROFS: 'the file system is read-only; pick a writable --state-dir',
  ENOENT: 'a directory on the path is missing; create it or pick another --state-dir',
  ENOTDIR: 'part of the path is a file, not a directory; pick another --state-dir',
  EEXIST: 'a file is in the way of a directory; pick another --state-dir',
  EISDIR: 'a directory is in the way of a file; remove it or pick another --state-dir',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and run again',
  EIO: 'input/output error; check the disk and run again',
};

/** "cannot DOING PATH: CODE, HINT" for an error thrown by node:fs (any other error: its message). */
export function fsErrorMessage(doing: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const hint =
    code !== undefined && code in hints
      ? `${code}, ${hints[code]}`
      : `${error instanceof Error ? error.message : String(error)}; check the path and run again`;
  return `cannot ${doing} ${path}: ${hint}`;
}
