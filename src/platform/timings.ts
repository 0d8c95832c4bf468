/**
 * Where one request's time goes: named phase durations in milliseconds, in the order first
 * measured. Services take one as an option and fill it in; the HTTP layer sends it as a
 * Server-Timing header (http/server-timing.ts). Nothing here knows about HTTP.
 */
export class Timings {
  readonly phases = new Map<string, number>();

  /** Adds `ms` to `phase` (a phase measured twice, as a retried transaction, is summed). */
  add(phase: string, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + ms);
  }

  /** Runs `fn` and adds the time it took to `phase`, also when it throws. */
  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }

  /** The same for synchronous work. */
  timeSync<T>(phase: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }
}
