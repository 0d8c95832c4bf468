import { describe, expect, it } from 'vitest';
import { composeIdNumber, maskIdNumber, maskPhone, normalizePhone, parseIdNumber } from './id-number.js';

const today = new Date('2026-11-23T00:00:00+08:00');

describe('GB 11643 ID numbers', () => {
  it('accepts a valid number and derives birth date and sex', () => {
    // The standard's own example: 11010519491231002X, a woman born 1949-12-31.
    expect(parseIdNumber('11010519491231002x', today)).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
    const man = composeIdNumber('522631', '19800215', 13);
    expect(parseIdNumber(man, today)).toMatchObject({ birthDate: '1980-02-15', sex: 'male' });
  });

  it('refuses a wrong check digit, an impossible or future birth date, and a wrong length, naming the field', () => {
    const good = composeIdNumber('522631', '19800215', 13);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(() => parseIdNumber(bad, today)).toThrow('idNumber: 身份证号校验位错误');
    const feb30 = composeIdNumber('522631', '19800230', 13);
    expect(() => parseIdNumber(feb30, today)).toThrow('出生日期无效');
    const future = composeIdNumber('522631', '20300101', 13);
    expect(() => parseIdNumber(future, today)).toThrow('晚于今天');
    expect(() => parseIdNumber('52263119800215', today, 'members.1.idNumber')).toThrow('members.1.idNumber: 身份证号应为 18 位');
  });

  it('masks ID (first 6 + last 4) and phone (first 3 + last 4)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(normalizePhone('139 1234-5678')).toBe('13912345678');
    expect(() => normalizePhone('12345')).toThrow('phone: ');
  });
});
