// The hooks this process is running, across reconcile rounds: who runs, and a way to wait for them all.

/** Live hooks by `pool/server`. */
export class HookRegistry {
  private readonly running = new Map<string, Promise<void>>();

  /** `pool/server` of every hook running here now. */
  get live(): ReadonlySet<string> {
    return new Set(this.running.keys());
  }

  /** Starts `run` for the server unless its hook already runs here. */
  start(pool: string, server: string, run: () => Promise<void>): void {
    const key = `${pool}/${server}`;
    if (this.running.has(key)) return;
    const done = run().finally(() => this.running.delete(key));
    this.running.set(key, done);
  }

  /** Resolves once every hook running now has ended. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves when any running hook ends (at once when none runs), or after `ms`. */
  async any(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    await Promise.race([timeout, ...this.running.values()]);
    clearTimeout(timer);
  }
}
