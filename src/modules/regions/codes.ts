/** Region codes: 12-digit national statistical codes; a 6- or 9-digit prefix is padded with zeros. */
export function normalizeRegionCode(code: string): string {
  if (code.length === 6 || code.length === 9) return code.padEnd(12, '0');
  return code;
}

export function countyCodeOf(code: string): string {
  return code.slice(0, 6);
}

/** Village kind from its official name, falling back to the code's 3-digit range (<200 urban). */
export function villageKind(name: string, code: string): 'urban' | 'rural' {
  if (/(居民委员会|居委会|社区)$/.test(name)) return 'urban';
  if (/(村民委员会|村委会|村)$/.test(name)) return 'rural';
  return Number(code.slice(9, 12)) < 200 ? 'urban' : 'rural';
}

export function townshipKind(name: string): 'subdistrict' | 'town' | 'township' | 'other' {
  if (name.endsWith('街道') || name.endsWith('街道办事处')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  return 'other';
}
