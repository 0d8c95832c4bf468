/** China Standard Time has no DST: +08:00 all year. */
const OFFSET_MS = 8 * 3600_000;

/** ISO 8601 in China time with its offset, e.g. 2026-11-23T14:02:03.123+08:00. */
export function toOffsetIso(value: Date | string): string {
  const d = new Date(new Date(value).getTime() + OFFSET_MS);
  return `${d.toISOString().slice(0, 23)}+08:00`;
}

/** The calendar date in China (YYYY-MM-DD) at an instant. */
export function chinaDate(value: Date | string): string {
  return toOffsetIso(value).slice(0, 10);
}
