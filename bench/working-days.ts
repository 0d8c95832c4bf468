/**
 * Working-day deadlines: `npx tsx bench/working-days.ts [count]`.
 *
 * Times `WorkCalendar.deadline(start, 'P15WD')` for `count` starts spread over a year against a
 * baseline in the same run: adding 15 calendar days with `Date` arithmetic. A request's and a
 * dispute's time limits are computed this way at intake and at every escalation, so the ratio says
 * what working days cost over plain dates. Interleaved rounds; each prints its median round.
 * (This replaced a timed unit test, which failed whenever the machine was busy.)
 */
import { WorkCalendar } from '../src/platform/calendar/working-days.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const ROUNDS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// The 2026 official calendar's shape: a week of National Day holiday and two make-up Saturdays.
const cal = new WorkCalendar(
  new Map([
    ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => [day, 'holiday'] as const),
    ...['2026-09-27', '2026-10-10'].map((day) => [day, 'workday'] as const),
  ]),
);
const base = new Date('2026-01-01T09:00:00+08:00').getTime();
const starts = Array.from({ length: COUNT }, (_, i) => new Date(base + (i % 365) * 86_400_000 + (i % 9) * 3_600_000));

let sink = 0;
const workingDays: number[] = [];
const plainDays: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (const s of starts) sink += cal.deadline(s, 'P15WD').getTime() % 7;
  workingDays.push(performance.now() - t);
  t = performance.now();
  for (const s of starts) sink += new Date(s.getTime() + 15 * 86_400_000).getTime() % 7;
  plainDays.push(performance.now() - t);
  process.stderr.write(`round ${r + 1}/${ROUNDS}\n`);
}
const wd = median(workingDays);
const plain = median(plainDays);
console.log(`${COUNT.toLocaleString('en-US')} deadlines, median of ${ROUNDS} rounds (checksum ${sink % 1000})`);
console.log(`  P15WD (working days): ${wd.toFixed(1)} ms  (${((wd * 1000) / COUNT).toFixed(2)} µs each)`);
console.log(`  +15 calendar days (baseline): ${plain.toFixed(1)} ms`);
console.log(`  ratio: ${(wd / Math.max(plain, 0.001)).toFixed(1)}× the baseline`);
