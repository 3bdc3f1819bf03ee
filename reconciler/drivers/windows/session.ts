// One long-lived PowerShell process (local, or at the far end of one ssh channel) answering framed requests.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import { stderrExcerpt } from './exec.ts';
import { type Frame, parseFrame, requestLine, takeLines } from './frames.ts';
import { scriptError } from './script-error.ts';

/** How to start and judge one session. */
export interface SessionSpec {
  /** The program and its arguments (ssh … powershell.exe …, or powershell.exe …). */
  argv: readonly string[];
  /** Where it runs, for messages. */
  host: string;
  /** Every request must answer within this. */
  timeoutMs: number;
  /** The hello (PowerShell started, ssh connected) must come within this. */
  startTimeoutMs: number;
  /** The transport's own failure from its exit (ssh's 255), or null. */
  transportFailure(code: number | null, stderr: string): DriverError | null;
}

const excerpt = (text: string) => {
  const flat = stderrExcerpt(text, 160);
  return flat === '' ? '' : `: ${flat}`;
};

/** A started session; `request` calls run one at a time, in order. */
export class PowerShellSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private rest = '';
  private noise = '';
  private stderr = '';
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting: { id: number; settle(answer: Result<Frame, DriverError>): void } | null = null;
  private ended: DriverError | null = null;

  private constructor(private readonly spec: SessionSpec) {
    const [file, ...args] = spec.argv as [string, ...string[]];
    this.child = spawn(file, args, {
      shell: false,
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.read(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4096);
    });
    this.child.stdin.on('error', () => {}); // a write to a dead session: reported by 'close'
    // An idle session never keeps quiesce running (a request in flight has its ref'd timer); at exit the
    // process sees its stdin close and ends.
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      this.end(driverError('Unexpected', `cannot run ${file}: ${error.code ?? error.message}`));
    });
    // 'close' comes after stdout's last bytes, so an answer written just before exiting is still read.
    this.child.on('close', (code) => this.end(this.exitError(code)));
  }

  /** Starts a session and waits for its hello: Windows PowerShell 3.0 or later with the CIM cmdlets. */
  static start(spec: SessionSpec): ResultAsync<PowerShellSession, DriverError> {
    const session = new PowerShellSession(spec);
    return new ResultAsync(
      session.wait(0, 'start a PowerShell session', spec.startTimeoutMs),
    ).andThen((frame) => {
      const [major, cim] = frame.text.split(' ');
      if (frame.kind === 'hello' && Number(major) >= 3 && cim === 'True') return okAsync(session);
      session.kill();
      return errAsync(
        driverError(
          'Unexpected',
          `${spec.host} needs Windows PowerShell 3.0 or later (it has ${major ?? '?'}.x${cim === 'True' ? '' : ', without Get-CimInstance'}); install WMF 3.0 or later`,
        ),
      );
    });
  }

  /** Whether the process still runs. */
  get alive(): boolean {
    return this.ended === null;
  }

  /**
   * Runs `script` and gives its output text; a script error is a DriverError of its category. `limitMs`: this
   * request's time limit when it is not the session's (a failover waits as long as its -WaitTime).
   */
  request(script: string, what: string, limitMs?: number): ResultAsync<string, DriverError> {
    const run = this.tail.then(
      (): Promise<Result<Frame, DriverError>> | Result<Frame, DriverError> => {
        if (this.ended !== null) return err(this.ended);
        const id = this.nextId++;
        this.child.stdin.write(requestLine(id, script));
        return this.wait(id, what, limitMs ?? this.spec.timeoutMs);
      },
    );
    this.tail = run;
    return new ResultAsync(run).andThen((frame) =>
      frame.kind === 'error' ? err(scriptError(frame.text, what, this.spec.host)) : ok(frame.text),
    );
  }

  /** Ends the session: stdin closed (the loop ends), killed if it lingers. */
  async close(): Promise<void> {
    if (this.ended !== null) return;
    const gone = new Promise((resolve) => this.child.once('close', resolve));
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, 2000);
    });
    await Promise.race([gone, late]);
    clearTimeout(timer);
    this.kill();
  }

  /** Stops the process at once (a hung request, a bad hello); the session is over from here on. */
  kill(): void {
    if (this.ended !== null) return;
    this.end(driverError('Unreachable', `${this.spec.host}: the PowerShell session was stopped`));
    this.child.kill('SIGKILL');
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  private wait(id: number, what: string, limitMs: number): Promise<Result<Frame, DriverError>> {
    return new Promise((resolve) => {
      if (this.ended !== null) {
        resolve(err(this.ended));
        return;
      }
      const timer = setTimeout(() => {
        this.waiting = null;
        this.kill();
        resolve(
          err(
            driverError(
              'Timeout',
              `${what} on ${this.spec.host}: no answer within ${limitMs} ms; the session is replaced`,
            ),
          ),
        );
      }, limitMs);
      this.waiting = {
        id,
        settle: (answer) => {
          clearTimeout(timer);
          this.waiting = null;
          resolve(answer);
        },
      };
    });
  }

  private read(chunk: string): void {
    if (!chunk.includes('\n')) {
      this.rest += chunk;
      return;
    }
    const { lines, rest } = takeLines(this.rest + chunk);
    this.rest = rest;
    for (const line of lines) {
      const frame = parseFrame(line);
      if (frame === null) {
        if (line.trim() !== '') this.noise = `${this.noise}\n${line}`.slice(-400);
      } else if (frame === 'bad') {
        this.kill();
        this.settle(
          err(
            driverError('Unexpected', `${this.spec.host}: a broken answer frame${excerpt(line)}`),
          ),
        );
      } else if (this.waiting !== null && frame.id === this.waiting.id) {
        this.settle(ok(frame));
      }
    }
  }

  private settle(answer: Result<Frame, DriverError>): void {
    this.waiting?.settle(answer);
  }

  private end(error: DriverError): void {
    this.ended ??= error;
    this.settle(err(this.ended));
  }

  private exitError(code: number | null): DriverError {
    const transport = this.spec.transportFailure(code, this.stderr);
    if (transport !== null) return transport;
    if (this.rest.includes('#QZ#'))
      return driverError(
        'Unexpected',
        `${this.spec.host}: the answer was cut off (a truncated frame)${excerpt(this.rest)}`,
      );
    const said = excerpt(`${this.stderr}\n${this.noise}\n${this.rest}`);
    return driverError(
      'Unreachable',
      `${this.spec.host}: the PowerShell session ended (exit ${code ?? 'by signal'})${said}`,
    );
  }
}
