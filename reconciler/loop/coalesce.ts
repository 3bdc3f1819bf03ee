// Level-triggered runs: requests during a run collapse into exactly one more run.

/** A runner for `run`: `request()` says "reconcile now"; `idle()` resolves when nothing runs or waits. */
export function coalescing(run: () => Promise<void>): { request(): void; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      await run();
    } while (again);
    running = null;
  };
  return {
    request() {
      if (running !== null) again = true;
      else running = loop();
    },
    async idle() {
      while (running !== null) await running;
    },
  };
}
