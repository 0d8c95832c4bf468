import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { progressBar } from '../../src/cli/progress.js';
import { deadline } from '../lib/deadline.js';

/** Lists count this far (src/modules/requests/store.ts COUNT_CAP). */
const COUNT_CAP = 1000;
import { disputeStatsSql, inboxSql, ordersPageSql, ratesSql, whistlesSql, type RawQuery } from './raw-sql.js';

export type Who = 'county' | 'township';

export interface Case {
  who: Who;
  label: string;
  url: string;
  /** The figure's count in the API's answer, compared with the plain query's `n`. */
  count?: (body: Record<string, unknown>) => number;
  raw?: RawQuery;
  /** The API counts up to this many rows (lists say "1,000+"): the plain count is compared capped. */
  capAt?: number;
}

export interface Timing {
  ms: number;
  max: number;
  rounds: number;
  n?: number;
  error?: string;
}

export interface Result extends Case {
  api: Timing;
  sql?: Timing;
}

const PAGE_SIZE = 20;
/** A single request this slow is reported as an error instead of waited for. */
const REQUEST_LIMIT_MS = 180_000;

const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

export async function login(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

const num = (v: unknown) => Number(v);
const ratesCount = (b: Record<string, unknown>) => num((b.total as { orders: number }).orders);
const listCount = (b: Record<string, unknown>) => num(b.total);

/** The endpoints one user is timed on, with the plain query beside each. */
export function casesFor(who: Who, scope: { path: string; regionCode: string; orders: number; after: string | null }, now: Date): Case[] {
  const today = chinaDay(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const yearAgo = chinaDay(new Date(now.getTime() - 364 * 86_400_000));
  const rates = (from: string, groupBy: 'township' | 'month' | 'unit', label: string): Case => ({
    who,
    label,
    url: `/api/v1/requests/rates?from=${from}&to=${today}&groupBy=${groupBy}`,
    count: ratesCount,
    raw: ratesSql(scope.path, dayStart(from), nextDay(today), groupBy),
  });
  return [
    { who, label: 'auth/me (baseline)', url: '/api/v1/auth/me' },
    rates(monthStart, 'township', 'rates, this month'),
    rates(yearAgo, 'township', 'rates, a year by township'),
    rates(yearAgo, 'month', 'rates, a year by month'),
    rates(yearAgo, 'unit', 'rates, a year by unit'),
    {
      who,
      label: 'work orders, page 1',
      url: `/api/v1/work-orders?page=1&pageSize=${PAGE_SIZE}`,
      count: listCount,
      capAt: COUNT_CAP,
      raw: ordersPageSql(scope.path, null, 0, PAGE_SIZE),
    },
    {
      who,
      label: 'work orders, search 路灯',
      url: `/api/v1/work-orders?q=${encodeURIComponent('路灯')}&page=1&pageSize=${PAGE_SIZE}`,
      count: listCount,
      capAt: COUNT_CAP,
      raw: ordersPageSql(scope.path, '路灯', 0, PAGE_SIZE),
    },
    ...(scope.after
      ? [
          {
            who,
            label: 'work orders, the page after row 1,000 (keyset)',
            url: `/api/v1/work-orders?after=${scope.after}&pageSize=${PAGE_SIZE}`,
            count: listCount,
            capAt: COUNT_CAP,
            raw: ordersPageSql(scope.path, null, 1000, PAGE_SIZE),
          },
        ]
      : []),
    { who, label: 'inbox', url: '/api/v1/inbox', count: (b) => num((b.counts as { new: number }).new), raw: inboxSql(scope.path, scope.regionCode) },
    { who, label: 'whistle board', url: '/api/v1/whistles', count: listCount, capAt: COUNT_CAP, raw: whistlesSql(scope.path) },
    {
      who,
      label: 'disputes stats, all',
      url: '/api/v1/disputes/stats',
      count: (b) => num((b.total as { cases: number }).cases),
      raw: disputeStatsSql(scope.path, null, null),
    },
    {
      who,
      label: 'disputes stats, a year by township',
      url: `/api/v1/disputes/stats?from=${yearAgo}&to=${today}&groupBy=township`,
      count: (b) => num((b.total as { cases: number }).cases),
      raw: disputeStatsSql(scope.path, dayStart(yearAgo), nextDay(today)),
    },
  ];
}

/**
 * Runs `once` up to `rounds` times, fewer when the time spent passes `budgetMs` (a 20-second
 * endpoint five times over would take the run hostage); median and max of what ran.
 */
async function measure(rounds: number, budgetMs: number, once: () => Promise<number | undefined>): Promise<Timing> {
  const times: number[] = [];
  let n: number | undefined;
  const started = performance.now();
  try {
    for (let i = 0; i < rounds && (i === 0 || performance.now() - started < budgetMs); i++) {
      const t = performance.now();
      n = await once();
      times.push(performance.now() - t);
    }
  } catch (err) {
    return { ms: NaN, max: NaN, rounds: times.length, error: (err as Error).message.slice(0, 300) };
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted.at(-1)!, rounds: times.length, n };
}

export async function timeCases(
  app: FastifyInstance,
  su: pg.Client,
  cookies: Record<Who, string>,
  cases: Case[],
  opts: { rounds: number; budgetMs: number },
): Promise<Result[]> {
  const bar = progressBar('计时');
  const results: Result[] = [];
  for (const [i, c] of cases.entries()) {
    const api = await measure(opts.rounds, opts.budgetMs, async () => {
      const res = await deadline(app.inject({ method: 'GET', url: c.url, headers: { cookie: cookies[c.who] } }), REQUEST_LIMIT_MS, `GET ${c.url}`);
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body.slice(0, 200)}`);
      return c.count?.(res.json());
    });
    const raw = c.raw;
    const sqlTiming = raw
      ? await measure(opts.rounds, opts.budgetMs, async () => {
          const { rows } = await deadline(su.query<{ n: number }>(raw.text, raw.values), REQUEST_LIMIT_MS, `SQL for ${c.label}`);
          const n = rows[0]?.n;
          return n === undefined || c.capAt === undefined ? n : Math.min(Number(n), c.capAt);
        })
      : undefined;
    results.push({ ...c, api, sql: sqlTiming });
    bar.update(i + 1, cases.length);
  }
  bar.stop();
  return results;
}

const ms = (t: Timing | undefined) => (!t ? '' : t.error ? 'ERROR' : t.ms < 10 ? t.ms.toFixed(1) : t.ms.toFixed(0));

/** The figures as a Markdown table (it reads as plain text too). */
export function formatTable(results: Result[]): string {
  const baseline = results.find((r) => r.who === 'county' && r.url === '/api/v1/auth/me')?.api.ms ?? NaN;
  const lines = [
    '| user | endpoint | API ms (median) | max | rounds | × baseline | plain SQL ms | API ÷ SQL | count (API / SQL) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  const errors: string[] = [];
  for (const r of results) {
    const counts = r.count
      ? `${r.api.n ?? '–'} / ${r.sql?.n ?? '–'}${r.api.n !== undefined && r.sql?.n !== undefined && r.api.n !== r.sql.n ? ' (differ)' : ''}`
      : '';
    lines.push(
      `| ${r.who} | ${r.label} | ${ms(r.api)} | ${ms({ ...r.api, ms: r.api.max })} | ${r.api.rounds} | ${r.api.error ? '' : (r.api.ms / baseline).toFixed(1)} | ${ms(r.sql)} | ${
        r.sql && !r.sql.error && !r.api.error ? (r.api.ms / r.sql.ms).toFixed(1) : ''
      } | ${counts} |`,
    );
    if (r.api.error) errors.push(`${r.who} GET ${r.url}: ${r.api.error}`);
    if (r.sql?.error) errors.push(`${r.who} SQL for ${r.label}: ${r.sql.error}`);
  }
  return [...lines, ...errors.map((e) => `error: ${e}`)].join('\n');
}
