import type { Kysely } from 'kysely';
import { afterCommit, type Tx } from '../db/context.js';
import type { DB } from '../db/tables.js';
import type { UserWithNames } from './store.js';

/**
 * Signed-in requests skip the database for the session check while a recent reading holds:
 * an entry is kept at most `CACHE_MS`, and never past the point where the session's last-seen
 * time needs recording (a minute) or the session expires. Logout, disabling, a role or region
 * change and a password reset forget the user's entries at once — when they write and again
 * when they commit, so a request reading in between cannot keep the old row. A change made by
 * another server process on the same PostgreSQL is seen within `CACHE_MS`.
 */
export const CACHE_MS = 10_000;
const MAX_ENTRIES = 20_000;

export interface CachedSession {
  db: Kysely<DB>;
  sessionId: string;
  user: UserWithNames;
  lastSeenAt: number;
  expiresAt: number;
  readAt: number;
}

const entries = new Map<string, CachedSession>();

export function cachedSession(db: Kysely<DB>, sessionId: string, now: number, idleMs: number): CachedSession | undefined {
  const e = entries.get(sessionId);
  if (!e || e.db !== db) return undefined;
  const fresh = now - e.readAt < CACHE_MS && now >= e.readAt && now - e.lastSeenAt <= Math.min(60_000, idleMs) && now < e.expiresAt;
  if (fresh) return e;
  entries.delete(sessionId);
  return undefined;
}

export function rememberSession(entry: CachedSession): void {
  entries.delete(entry.sessionId);
  entries.set(entry.sessionId, entry);
  // The oldest reading goes first (a Map keeps insertion order).
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

function forget(match: (e: CachedSession) => boolean): void {
  for (const [id, e] of entries) if (match(e)) entries.delete(id);
}

/** The user's row or sessions change in `tx`: forget them now and after the commit. */
export function forgetUser(tx: Tx, userId: string): void {
  const match = (e: CachedSession) => e.user.id === userId;
  forget(match);
  afterCommit(tx, () => forget(match));
}

export function forgetSession(tx: Tx, sessionId: string): void {
  entries.delete(sessionId);
  afterCommit(tx, () => entries.delete(sessionId));
}
