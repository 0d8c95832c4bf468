import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, AUDIT_TARGET_TYPES } from './events.js';

const SRC = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('fixtures') ? [path] : [];
  });
}

/**
 * The event codes the code writes: literal `action: '…'` entries and audit helpers' literal
 * codes, plus the verb families (`work_order.${verb}` from requests' act(), `dispute_case.${verb}`
 * from disputes' act(), `mediator.${verb}`, `resident.${kind}`).
 */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  const CODE = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/appendAudit|recordAudit|audit\(|act\(|changeUser|revealWithin|action:/.test(text)) continue;
    for (const m of text.matchAll(/action: '([^']+)'/g)) if (CODE.test(m[1]!)) codes.add(m[1]!);
    for (const m of text.matchAll(/changeUser\([^)]*?'([a-z_]+\.[a-z_]+)'/gs)) codes.add(m[1]!);
    for (const m of text.matchAll(/^\s+'(user\.[a-z_]+)',$/gm)) codes.add(m[1]!);
    const family = file.includes(`${join('modules', 'requests')}`) ? 'work_order' : file.includes(join('modules', 'disputes')) ? 'dispute_case' : null;
    if (family) for (const m of text.matchAll(/\bact\(deps, actor, [\w.]+, '([a-z_]+)'/g)) codes.add(`${family}.${m[1]}`);
    for (const m of text.matchAll(/editMediator\(deps, actor, id, '([a-z_]+)'/g)) codes.add(`mediator.${m[1]}`);
  }
  for (const kind of ['born', 'moved_in', 'moved_out', 'died', 'moved']) codes.add(`resident.${kind}`);
  return codes;
}

describe('audit event labels', () => {
  it('names every event code the server writes, in Chinese and English', () => {
    const codes = writtenCodes();
    expect(codes.size).toBeGreaterThan(60);
    const missing = [...codes].filter((c) => !(c in AUDIT_EVENTS)).sort();
    expect(missing).toEqual([]);
  });

  it('has no Chinese in the English labels and Chinese in every zh-CN label', () => {
    for (const [code, [zh, en]] of Object.entries({ ...AUDIT_EVENTS, ...AUDIT_TARGET_TYPES })) {
      expect(en, code).not.toMatch(/\p{Script=Han}/u);
      expect(zh, code).toMatch(/\p{Script=Han}/u);
    }
  });
});
