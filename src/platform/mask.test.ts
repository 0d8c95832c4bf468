import { describe, expect, it } from 'vitest';
import { maskPersonalNumbers, maskPersonalNumbersDeep } from './mask.js';

describe('maskPersonalNumbers', () => {
  it('masks ID-like numbers in the field shape: 18 digits (with X), 15-digit old IDs, card-length runs', () => {
    expect(maskPersonalNumbers('身份证11010519491231002X，请核实')).toBe('身份证110105********002X，请核实');
    expect(maskPersonalNumbers('身份证 11010519491231002x')).toBe('身份证 110105********002x');
    expect(maskPersonalNumbers('老证 110105491231002 作废')).toBe('老证 110105*****1002 作废');
    expect(maskPersonalNumbers('卡号6222021234567890123')).toBe('卡号622202*********0123');
  });

  it('masks mainland mobiles with +86/86 and spaces or dashes inside, and landlines with an area code', () => {
    expect(maskPersonalNumbers('电话13912345678')).toBe('电话139****5678');
    expect(maskPersonalNumbers('电话 +86 139 1234 5678。')).toBe('电话 +86 139****5678。');
    expect(maskPersonalNumbers('电话8613912345678')).toBe('电话86139****5678');
    expect(maskPersonalNumbers('电话139-1234-5678，谢谢')).toBe('电话139****5678，谢谢');
    expect(maskPersonalNumbers('tel.13912345678')).toBe('tel.139****5678');
    expect(maskPersonalNumbers('座机0855-1234567或010 12345678')).toBe('座机0855-***4567或010 ****5678');
  });

  it('leaves other numbers alone: order numbers, dates, amounts, coordinates, short codes', () => {
    for (const text of ['工单 522631-20261123-00042', '2026-11-23 09:00', '金额 50000 元', '位置 26.123456,109.13812345678', '门牌 12 号，邮编 557300'])
      expect(maskPersonalNumbers(text)).toBe(text);
  });

  it('is idempotent and passes null through', () => {
    const once = maskPersonalNumbers('11010519491231002X 13912345678 0855-1234567');
    expect(maskPersonalNumbers(once)).toBe(once);
    expect(maskPersonalNumbers(null)).toBeNull();
  });
});

describe('maskPersonalNumbersDeep', () => {
  it('masks every string inside objects and arrays, and leaves keys, numbers and null alone', () => {
    const value = { description: '联系 13800138000', parties: [{ note: '证件 11010519491231002X' }], count: 13800138000, gone: null };
    expect(maskPersonalNumbersDeep(value)).toEqual({
      description: '联系 138****8000',
      parties: [{ note: '证件 110105********002X' }],
      count: 13800138000,
      gone: null,
    });
  });
});
