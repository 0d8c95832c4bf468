import { invalidField } from '../../platform/errors.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export interface IdNumberFacts {
  /** Upper-cased, 18 characters. */
  normalized: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

/**
 * Validates a citizen ID number (GB 11643-1999): 18 characters, a real birth date not in the
 * future, and the check character. Returns the birth date and sex it encodes.
 */
export function parseIdNumber(raw: string, today: Date, field = 'idNumber'): IdNumberFacts {
  const id = raw.trim().toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(id)) throw invalidField(field, '身份证号应为 18 位（最后一位可为 X）');
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1890 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    throw invalidField(field, '身份证号中的出生日期无效');
  }
  if (birth.getTime() > today.getTime()) throw invalidField(field, '身份证号中的出生日期晚于今天');
  if (idCheckChar(id.slice(0, 17)) !== id[17]) throw invalidField(field, '身份证号校验位错误');
  return {
    normalized: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Mainland mobile (11 digits from 13x–19x) or a landline with area code. */
export function normalizePhone(raw: string, field = 'phone'): string {
  const phone = raw.replace(/[\s-]/g, '');
  if (/^1[3-9][0-9]{9}$/.test(phone) || /^0[0-9]{2,3}[0-9]{7,8}$/.test(phone)) return phone;
  throw invalidField(field, '电话号码格式不正确（11 位手机号或带区号的固定电话）');
}

/** The field masks live with the free-text mask, so both have one shape (522631********1234, 139****5678). */
export { maskIdNumber, maskPhone } from '../../platform/mask.js';

/** Builds a valid ID number from area code, birth date (YYYYMMDD) and a 3-digit sequence (odd = male). */
export function composeIdNumber(area: string, birth: string, seq: number): string {
  const first17 = `${area}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
