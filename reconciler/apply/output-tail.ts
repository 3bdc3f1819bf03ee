// Keeps the end of a program's output: at most a number of bytes, then at most a number of lines.

/** The last `maxBytes` bytes written to it, handed out as at most `maxLines` lines. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private bytes = 0;
  /** Whether anything was dropped from the front. */
  truncated = false;

  constructor(
    private readonly maxBytes: number,
    private readonly maxLines: number,
  ) {}

  /** Adds output; the oldest is dropped once more than `maxBytes` is held. */
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.bytes - (this.chunks[0]?.length ?? 0) >= this.maxBytes && this.chunks.length > 1) {
      this.bytes -= this.chunks.shift()?.length ?? 0;
      this.truncated = true;
    }
  }

  /** The last lines (empty ones at the end dropped), each without its line break. */
  lines(): string[] {
    let all = Buffer.concat(this.chunks);
    if (all.length > this.maxBytes) {
      all = all.subarray(all.length - this.maxBytes);
      this.truncated = true;
    }
    const lines = all.toString('utf8').split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length > this.maxLines) this.truncated = true;
    return lines.slice(-this.maxLines);
  }
}
