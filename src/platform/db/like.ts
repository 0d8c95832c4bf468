/**
 * LIKE / ILIKE patterns from text a person typed: `%`, `_` and `\` are taken literally
 * (PostgreSQL's default escape character for LIKE is the backslash). Every store builds its
 * patterns here, so a search for "100%" or "a_b" matches only those characters.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** A pattern matching `text` anywhere. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A pattern matching values that start with `text`. */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}
