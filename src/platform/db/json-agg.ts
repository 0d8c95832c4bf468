/** A row read through json_agg / json_build_object with the named columns back as Dates. */
export type WithDates<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? Date | null : Date };

/**
 * json_agg writes timestamps as text: back to Date, as the row types say (in place). For the parts
 * a page reads in one statement with jsonArrayFrom / jsonObjectFrom (kysely/helpers/postgres).
 */
export function withDates<T, K extends keyof T>(rows: T[], keys: K[]): WithDates<T, K>[] {
  for (const row of rows) {
    for (const k of keys) {
      const v: unknown = row[k];
      if (typeof v === 'string') (row as Record<K, unknown>)[k] = new Date(v);
    }
  }
  return rows as unknown as WithDates<T, K>[];
}
