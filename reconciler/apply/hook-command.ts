// How a hook's argv is started on this platform: as is on Linux; on Windows .cmd/.bat through cmd.exe and .ps1 through powershell.exe.

/** What to spawn for a hook: the program, its arguments, and whether they are already one quoted Windows command line. */
export interface HookCommand {
  file: string;
  args: string[];
  /** Windows only: `args` are passed to the program exactly as written (cmd.exe's own quoting). */
  verbatim: boolean;
}

/**
 * The command for a hook's argv (`{server}` already replaced). On Windows a batch file cannot be started
 * by CreateProcess itself: it runs as `cmd.exe /d /s /c ""script" "arg""` (/d: no AutoRun, /s: strip only
 * the outer quotes; https://learn.microsoft.com/windows-server/administration/windows-commands/cmd), and a
 * PowerShell script as `powershell.exe -NoProfile -ExecutionPolicy Bypass -File script args`
 * (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_powershell_exe).
 */
export function hookCommand(
  argv: readonly string[],
  platform: NodeJS.Platform,
  comSpec = 'cmd.exe',
): HookCommand {
  const [file, ...args] = argv as [string, ...string[]];
  if (platform !== 'win32') return { file, args, verbatim: false };
  const extension = /\.[^.\\/]*$/.exec(file)?.[0].toLowerCase();
  if (extension === '.cmd' || extension === '.bat') {
    const line = [file, ...args].map(cmdQuote).join(' ');
    return { file: comSpec, args: ['/d', '/s', '/c', `"${line}"`], verbatim: true };
  }
  if (extension === '.ps1') {
    return {
      file: 'powershell.exe',
      args: ['-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', file, ...args],
      verbatim: false,
    };
  }
  return { file, args, verbatim: false };
}

/**
 * One argument quoted for cmd.exe and the batch file's %1..%9: always in double quotes, so & | < > ^ and
 * spaces are literal; a double quote inside is doubled (the batch file sees `""`). cmd.exe still expands
 * %NAME% of a variable that is set, even inside quotes, and has no escape for it on its command line.
 */
export function cmdQuote(arg: string): string {
  return `"${arg.replaceAll('"', '""')}"`;
}
