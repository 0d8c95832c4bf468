/**
 * Masking of personal numbers, in fields and in free text. One shape everywhere: an ID number
 * keeps its first 6 and last 4 characters (522631********1234), a phone number its first 3 and
 * last 4 digits (139****5678). The people module stores field masks made here; presenters pass
 * every free text of a work order, a dispute case and Open311 through maskPersonalNumbers.
 */

/** 522631********1234: first 6 and last 4 shown. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(Math.max(id.length - 10, 0))}${id.slice(-4)}`;
}

/** 139****5678: first 3 and last 4 shown. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(phone.length - 7, 0))}${phone.slice(-4)}`;
}

// A number is only a number when it stands alone: no digit right before it (nor a decimal point
// after a digit, as in the coordinate 109.13812345678) and no digit right after it.
const BEFORE = String.raw`(?<!\d)(?<!\d\.)`;
const AFTER = String.raw`(?!\d)`;
/**
 * ID-like: 18-digit resident IDs (last may be X), 15-digit old IDs, and any other run of 15–19
 * digits (bank card numbers), which read the same to a person.
 */
const ID_LIKE = new RegExp(`${BEFORE}\\d{14,18}[\\dXx]${AFTER}`, 'g');
/** Mainland mobiles, with an optional +86/86 prefix and spaces or dashes inside (138 0013 8000). */
const MOBILE = new RegExp(`${BEFORE}((?:\\+|＋)?86[ \\u3000-]?)?(1[3-9]\\d(?:[ \\u3000-]?\\d){8})${AFTER}`, 'g');
/** Landlines with an area code: 0855-1234567, 010 12345678, 08551234567. */
const LANDLINE = new RegExp(`${BEFORE}(0\\d{2,3})([ \\u3000-]?)(\\d{7,8})${AFTER}`, 'g');

/**
 * Free text with every ID-like and phone-like number masked in the field shape. Idempotent:
 * masking masked text changes nothing. Names and other words are left alone.
 */
export function maskPersonalNumbers(text: string): string;
export function maskPersonalNumbers(text: string | null): string | null;
export function maskPersonalNumbers(text: string | null): string | null {
  if (text === null || !/\d{4}/.test(text.replace(/[ \u3000-]/g, ''))) return text;
  return text
    .replace(ID_LIKE, (id) => maskIdNumber(id))
    .replace(MOBILE, (_m, prefix: string | undefined, number: string) => `${prefix ?? ''}${maskPhone(number.replace(/[ \u3000-]/g, ''))}`)
    .replace(LANDLINE, (_m, area: string, sep: string, local: string) => `${area}${sep}${'*'.repeat(local.length - 4)}${local.slice(-4)}`);
}

/**
 * Every string inside a JSON value masked (object keys kept): for records that carry free text
 * in structured form, such as an audit record's before/after.
 */
export function maskPersonalNumbersDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalNumbers(value);
  if (Array.isArray(value)) return value.map(maskPersonalNumbersDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalNumbersDeep(v)]));
  return value;
}
