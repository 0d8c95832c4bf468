/** Time source. Tests pass a ManualClock so expiry rules are tested without waiting. */
export interface Clock {
  now(): Date;
  /**
   * The time on the wall, as an authenticator app on a phone shows it: TOTP codes are checked
   * against it. Only a drill makes it differ from now() (a drill moves business time, not phones).
   */
  wallNow?(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** clock.wallNow(), or now() for clocks that have no separate wall time. */
export function wallNow(clock: Clock): Date {
  return clock.wallNow ? clock.wallNow() : clock.now();
}

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
  wallNow(): Date {
    return new Date();
  }
  advanceMinutes(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
  /** Back to real time at the end of a drill (sessions follow real time again). */
  reset(): void {
    this.offsetMs = 0;
  }
}
