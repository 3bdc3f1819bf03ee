// Stopping a hook and everything it started, and telling whether a pid is still that hook, on Linux and Windows.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The processes that make a system's process tree: pid and parent pid, and the command line when known. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  commandLine: string;
}

/**
 * Linux: signals the hook's whole process group (it was started detached, as a group leader).
 * Windows has no process groups nor signals: `taskkill /T /F /PID` ends the tree
 * (https://learn.microsoft.com/windows-server/administration/windows-commands/taskkill); where
 * taskkill refuses /T (Wine 8's taskkill knows only /f /im /pid) the tree is walked from the process
 * list and each process terminated. A process already gone is ignored. Resolves once done.
 */
export async function killTree(
  pid: number,
  signal: NodeJS.Signals,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (platform !== 'win32') {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
    return;
  }
  const taskkill = await run(['taskkill', '/T', '/F', '/PID', String(pid)]);
  // 0: ended; 128: no such process (https://learn.microsoft.com/windows/win32/debug/system-error-codes).
  if (taskkill.code === 0 || taskkill.code === 128) return;
  const processes = await windowsProcesses();
  for (const child of [pid, ...descendants(processes ?? [], pid)].reverse()) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Every descendant of `root` in the list, children before grandchildren. */
export function descendants(processes: readonly ProcessEntry[], root: number): number[] {
  const found: number[] = [];
  const queue = [root];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const p of processes) {
      if (p.ppid === parent && !seen.has(p.pid)) {
        seen.add(p.pid);
        found.push(p.pid);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/**
 * Whether `pid` is still the hook quiesce started for this server and round, so an orphan of a quiesce that
 * died can be stopped, and a pid reused by another process never is. Linux: its environment (/proc) names
 * the server and round. Windows has no /proc and no way to read another process's environment: the store
 * keeps the pid, and that process's command line (from `wmic process`,
 * https://learn.microsoft.com/windows/win32/cimwin32prov/win32-process) must still hold every argument of
 * the hook's argv (`{server}` replaced) as quiesce started it. Unknown (no process list) is false: nothing
 * is signalled that cannot be told apart.
 */
export async function isOurHook(
  pid: number,
  hook: { server: string; maintenanceId: string; argv: readonly string[] },
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  if (platform === 'win32') {
    const processes = await windowsProcesses();
    const found = processes?.find((p) => p.pid === pid);
    return found !== undefined && runsArgv(found.commandLine, hook.argv);
  }
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return (
      environ.includes(`QUIESCE_SERVER=${hook.server}`) &&
      environ.includes(`QUIESCE_MAINTENANCE_ID=${hook.maintenanceId}`)
    );
  } catch {
    return false;
  }
}

/** Whether a Windows command line holds every argument (paths' case aside: Windows paths ignore it). */
export const runsArgv = (commandLine: string, argv: readonly string[]): boolean =>
  commandLine !== '' && argv.every((arg) => commandLine.toLowerCase().includes(arg.toLowerCase()));

/** Every process with its parent and command line (`wmic process get`), or null when it cannot be listed. */
export async function windowsProcesses(): Promise<ProcessEntry[] | null> {
  const listed = await run(['wmic', 'process', 'get', 'CommandLine,ParentProcessId,ProcessId']);
  if (listed.code !== 0) return null;
  return parseWmicTable(listed.stdout);
}

/**
 * wmic's table: a header row whose names start the columns (sorted by name: CommandLine, ParentProcessId,
 * ProcessId), then one row per process aligned to them (Wine 8's wmic ignores /format:csv: the table is
 * what both write).
 */
export function parseWmicTable(text: string): ProcessEntry[] {
  const lines = text.split(/\r?\n/);
  const header = lines.shift() ?? '';
  const at = (name: string, from = 0) => header.toLowerCase().indexOf(name.toLowerCase(), from);
  const command = at('CommandLine');
  const parent = at('ParentProcessId');
  const self = at('ProcessId', parent + 'ParentProcessId'.length);
  if (command < 0 || parent < 0 || self < 0) return [];
  const entries: ProcessEntry[] = [];
  for (const line of lines) {
    const pid = Number(line.slice(self).trim());
    const ppid = Number(line.slice(parent, self).trim());
    if (line.trim() === '' || !Number.isSafeInteger(pid) || !Number.isSafeInteger(ppid)) continue;
    entries.push({ pid, ppid, commandLine: line.slice(command, parent).trim() });
  }
  return entries;
}

/** Runs a Windows tool without a console window; stdout decoded (wmic writes UTF-16 to a pipe). */
function run(argv: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    // wmic reads its standard input until it ends: it gets none.
    const child = spawn(file, args, { windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve({ code: null, stdout: '' }));
    child.on('close', (code) => resolve({ code, stdout: decodeOutput(Buffer.concat(chunks)) }));
  });
}

/** UTF-16LE when it starts with its BOM or every other byte is zero, else UTF-8. */
function decodeOutput(bytes: Buffer): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes.length > 1 && bytes[1] === 0);
  return utf16 ? bytes.toString('utf16le').replace(/^\uFEFF/, '') : bytes.toString('utf8');
}
