import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cmdQuote, hookCommand } from '../../reconciler/apply/hook-command.ts';

test('on Linux a hook runs as its argv', () => {
  assert.equal(hookCommand(['/opt/patch.sh', 'fe01'], 'linux'), {
    file: '/opt/patch.sh',
    args: ['fe01'],
    verbatim: false,
  });
});

test('on Windows a .cmd or .bat hook runs through cmd.exe /d /s /c with every argument quoted', () => {
  assert.equal(
    hookCommand(
      ['C:\\Ops Scripts\\patch.CMD', 'fe01', 'a & b', 'say "hi"'],
      'win32',
      'C:\\Windows\\system32\\cmd.exe',
    ),
    {
      file: 'C:\\Windows\\system32\\cmd.exe',
      args: ['/d', '/s', '/c', '""C:\\Ops Scripts\\patch.CMD" "fe01" "a & b" "say ""hi""""'],
      verbatim: true,
    },
  );
  assert.is(hookCommand(['drain.bat'], 'win32').file, 'cmd.exe');
  assert.is(cmdQuote('x|y>z'), '"x|y>z"');
});

test('on Windows a .ps1 hook runs through powershell.exe -NoProfile -ExecutionPolicy Bypass -File', () => {
  assert.equal(hookCommand(['D:\\ops\\patch.ps1', '-Server', 'fe01'], 'win32'), {
    file: 'powershell.exe',
    args: [
      '-NoProfile',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      'D:\\ops\\patch.ps1',
      '-Server',
      'fe01',
    ],
    verbatim: false,
  });
});

test('on Windows any other program (an .exe) runs as its argv', () => {
  assert.equal(hookCommand(['C:\\tools\\patch.exe', 'fe01'], 'win32'), {
    file: 'C:\\tools\\patch.exe',
    args: ['fe01'],
    verbatim: false,
  });
  // A dot in a folder name is not an extension.
  assert.is(hookCommand(['C:\\v1.cmd\\patch'], 'win32').file, 'C:\\v1.cmd\\patch');
});

test.run();
