import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../platform/config.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { normalizePhone, parseIdNumber } from './id-number.js';
import { protectIdNumber, protectPhone } from './protect.js';
import type { MemberInput } from './schema.js';
import type { Tx } from '../../platform/db/context.js';
import { registeredDigests } from './store.js';
import type { ResidentsTable } from './tables.js';

/**
 * Validates one member and turns it into a resident row: the ID number checked (GB 11643) and
 * stored only encrypted, birth date and sex derived from it, tags checked against the list.
 * `field` prefixes error fields, e.g. 'members.2'.
 */
export function buildResident(
  config: Config,
  today: Date,
  m: MemberInput,
  ctx: { field: string; householdId: string; path: string; knownTags: Set<string>; synthetic?: boolean },
): Insertable<ResidentsTable> {
  const f = (name: string) => (ctx.field ? `${ctx.field}.${name}` : name);
  let birthDate = m.birthDate;
  let sex = m.sex;
  let id: ReturnType<typeof protectIdNumber> | null = null;
  if (m.idNumber) {
    const facts = parseIdNumber(m.idNumber, today, f('idNumber'));
    if (m.birthDate && m.birthDate !== facts.birthDate) throw invalidField(f('birthDate'), '出生日期与身份证号不一致');
    if (m.sex && m.sex !== facts.sex) throw invalidField(f('sex'), '性别与身份证号不一致');
    birthDate = facts.birthDate;
    sex = facts.sex;
    id = protectIdNumber(config, facts.normalized);
  } else {
    if (!birthDate) throw invalidField(f('birthDate'), '无身份证号时必须填写出生日期');
    if (!sex) throw invalidField(f('sex'), '无身份证号时必须填写性别');
    const d = new Date(`${birthDate}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate || d > today) throw invalidField(f('birthDate'), '出生日期无效');
  }
  const phone = m.phone ? protectPhone(config, normalizePhone(m.phone, f('phone'))) : null;
  const tags = [...new Set(m.tags ?? [])];
  const unknown = tags.find((t) => !ctx.knownTags.has(t));
  if (unknown) throw invalidField(f('tags'), `未知的标签: ${unknown}`);
  const now = new Date();
  return {
    id: uuidv7(),
    household_id: ctx.householdId,
    path: ctx.path,
    name: m.name.trim(),
    relation: m.relation,
    sex: sex!,
    birth_date: birthDate!,
    id_number_enc: id?.enc ?? null,
    id_number_hmac: id?.hmac ?? null,
    id_number_masked: id?.masked ?? null,
    phone_enc: phone?.enc ?? null,
    phone_hmac: phone?.hmac ?? null,
    phone_masked: phone?.masked ?? null,
    tags,
    synthetic: ctx.synthetic ?? false,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The unique digest refuses a duplicate ID number anywhere in the county, even in a village the
 * actor cannot see. PostgreSQL withholds the key of a row the actor may not read, so services
 * name the member with `findRegisteredMember` first; this maps a race that still slips through.
 */
export function duplicateIdError(err: unknown, field: string): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint === 'residents_id_number_hmac_key') return alreadyRegistered(field);
  return err;
}

export function alreadyRegistered(field: string): AppError {
  return new AppError('ALREADY_EXISTS', `${field}: 该身份证号已登记（可能在其他村，请核实后办理迁入）`, { field });
}

/** Index of the first resident whose ID number is already registered in the county, or -1. */
export async function findRegisteredMember(tx: Tx, residents: { id_number_hmac?: string | null }[]): Promise<number> {
  const digests = residents.map((r) => r.id_number_hmac).filter((d): d is string => !!d);
  if (digests.length === 0) return -1;
  const registered = await registeredDigests(tx, digests);
  return residents.findIndex((r) => !!r.id_number_hmac && registered.has(r.id_number_hmac));
}
