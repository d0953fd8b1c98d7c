/**
 * The pause of a poll loop (the outbox relay, a PostgreSQL-bus consumer): it lasts `ms`, a wake-up
 * shortens it to `coalesceMs` rather than ending it (what else arrives meanwhile is taken in the
 * same cycle: one cycle for a burst, not one per commit or NOTIFY), and a stop ends it at once.
 * `coalesceMs` 0: a wake-up ends it at once.
 */
export class CoalescingWait {
  private wakeUp?: () => void;

  constructor(
    private readonly coalesceMs: number,
    private readonly stopped: () => boolean,
  ) {}

  /** Waits `ms`; `woken`: a wake-up came before the wait began. */
  wait(ms: number, woken = false): Promise<void> {
    return new Promise<void>((resolve) => {
      const coalesce = Math.min(ms, this.coalesceMs);
      if (this.stopped() || (woken && coalesce <= 0)) return resolve();
      let soon = woken;
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      let timer = setTimeout(done, soon ? coalesce : ms);
      this.wakeUp = () => {
        if (this.stopped() || coalesce <= 0) return done();
        if (soon) return;
        soon = true;
        clearTimeout(timer);
        timer = setTimeout(done, coalesce);
      };
    });
  }

  /** Something to do, or a stop: shortens (or ends) the wait in progress, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}
