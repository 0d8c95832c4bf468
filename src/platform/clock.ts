/** Time source. Tests pass a ManualClock so expiry rules are tested without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-11-23T09:00:00+08:00') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

/**
 * Drill mode (GONGZHI_DRILL=true, for training environments and browser tests only): real time
 * plus an offset a county officer can move forward, so "three working days later" can be
 * rehearsed — time limits, escalation, follow-up — without waiting. Never on in production.
 */
export class DrillClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceMinutes(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
  /** Back to real time at the end of a drill (TOTP codes and sessions follow real time again). */
  reset(): void {
    this.offsetMs = 0;
  }
}
