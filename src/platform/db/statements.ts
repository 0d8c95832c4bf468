/** What one piece of work asked of the database: statements (BEGIN/COMMIT/ROLLBACK not counted) and transactions. */
export interface StatementCount {
  statements: number;
  transactions: number;
  texts: string[];
}

/** The count in progress, if any. One at a time: a request's hooks run outside its caller's async context (fastify's inject too), so the count is process-wide. */
let counting: StatementCount | null = null;

/** Called by the guarded pool for every statement an application connection runs. */
export function noteStatement(text: string): void {
  const count = counting;
  if (!count) return;
  if (/^\s*begin\b/i.test(text)) count.transactions++;
  else if (!/^\s*(commit|rollback)\b/i.test(text)) count.statements++;
  count.texts.push(text);
}

/**
 * Counts the statements the application's connections run while `fn` runs (tests and benches:
 * the write path's budget is a number of round trips, checked by counting them). Run nothing
 * else meanwhile: every statement in the process is counted.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: StatementCount }> {
  if (counting) throw new Error('countStatements: one count at a time');
  const count: StatementCount = { statements: 0, transactions: 0, texts: [] };
  counting = count;
  try {
    return { result: await fn(), count };
  } finally {
    counting = null;
  }
}
