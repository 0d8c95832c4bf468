import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../modules/people/id-number.js';
import { generateVillageHouseholds } from './population.js';

const today = new Date('2026-11-23T09:00:00+08:00');
const village = { code: '522631102200', name: '上黄村村民委员会', kind: 'rural' };
const run = (seed: number) =>
  generateVillageHouseholds(village, 2000, { seed, countyCode: '522631', today, usedIds: new Set(), gridCodes: ['522631102200001', '522631102200002'] });

describe('demo population', () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });

  it('gives valid, unique ID numbers with the county area code, consistent with sex and birth', () => {
    const ids = run(1).flatMap((h) => h.members.map((m) => m.idNumber).filter((x): x is string => !!x));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.startsWith('522631')).toBe(true);
      expect(() => parseIdNumber(id, today)).not.toThrow();
    }
  });

  it('has plausible household sizes, an ageing rural pyramid, one head per household and grids for all', () => {
    const households = run(1);
    const people = households.flatMap((h) => h.members);
    const mean = people.length / households.length;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(3.8);
    expect(households.every((h) => h.members.filter((m) => m.relation === 'head').length === 1)).toBe(true);
    const ages = people.map((m) => {
      const birth = m.idNumber ? parseIdNumber(m.idNumber, today).birthDate : m.birthDate!;
      return 2026 - Number(birth.slice(0, 4));
    });
    const share = (f: (a: number) => boolean) => ages.filter(f).length / ages.length;
    expect(share((a) => a < 15)).toBeGreaterThan(0.1);
    expect(share((a) => a >= 60)).toBeGreaterThan(0.12);
    expect(share((a) => a >= 60)).toBeLessThan(0.35);
    const party = people.filter((m) => m.tags?.includes('party_member')).length / people.filter((_, i) => ages[i]! >= 18).length;
    expect(party).toBeGreaterThan(0.05);
    expect(party).toBeLessThan(0.09);
    expect(new Set(households.map((h) => h.gridCode))).toEqual(new Set(['522631102200001', '522631102200002']));
  });
});
