import type { Updateable } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, invalidField } from '../../platform/errors.js';
import { getHousehold, getResident, type HouseholdDetail } from '../people/index.js';
import { ETHNIC_GROUPS, type PartyParticulars } from './schema.js';
import type { PartyRow } from './store.js';
import type { DisputePartiesTable, Sex } from './tables.js';

// The parties' particulars a written agreement states (人民调解法 art. 29, 当事人的基本情况): sex,
// age, ethnicity, occupation or work unit, address. The registry holds a resident's sex, birth date
// (so the age) and household address, but not their ethnicity or occupation: those the mediator
// enters for everyone, and all five for a party who is not in the registry.

/** What the registry says of a resident: sex, age today, and the household's address. */
export interface RegistryParticulars {
  sex: Sex;
  age: number;
  address: string | null;
}

export type ParticularsPatch = Required<Pick<Updateable<DisputePartiesTable>, 'sex' | 'age' | 'ethnicity' | 'occupation' | 'address'>>;

const LABELS: Record<keyof ParticularsPatch, string> = { sex: '性别', age: '年龄', ethnicity: '民族', occupation: '职业或工作单位', address: '住址' };
const FROM_REGISTRY = ['sex', 'age', 'address'] as const;

/** A household's address as an agreement writes it: with its village's name in front unless it already says it. */
export function householdAddress(h: Pick<HouseholdDetail, 'address' | 'villageName'>): string {
  const address = h.address.trim();
  return address.includes(h.villageName) ? address : `${h.villageName}${address}`;
}

const notVisible = (err: unknown) => err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN');

/**
 * The registry's particulars of the given residents, through the people module (each a read of its
 * own, so call it before the case's transaction). A resident the actor can no longer see (moved out
 * of the area, say) is left out, and the agreement keeps what was recorded for them.
 */
export async function registryParticulars(deps: Deps, actor: Actor, residentIds: string[]): Promise<Map<string, RegistryParticulars>> {
  const out = new Map<string, RegistryParticulars>();
  for (const id of new Set(residentIds)) {
    const r = await getResident(deps, actor, id).catch((err: unknown) => {
      if (notVisible(err)) return undefined;
      throw err;
    });
    if (!r) continue;
    const h = await getHousehold(deps, actor, r.householdId).catch((err: unknown) => {
      if (notVisible(err)) return undefined;
      throw err;
    });
    out.set(id, { sex: r.sex, age: r.age, address: h ? householdAddress(h) : null });
  }
  return out;
}

/** An ethnic group by its official name ("侗" or "侗族" → "侗族"), refused naming the field otherwise. */
export function checkEthnicity(value: string | undefined, field: string): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const name = v.endsWith('族') ? v : `${v}族`;
  if (!(ETHNIC_GROUPS as readonly string[]).includes(name)) throw invalidField(field, '请填写民族的规范名称，如“汉族”“侗族”“苗族”');
  return name;
}

/**
 * The particulars each party of a written agreement gets: a registered resident's sex, age and
 * address from the registry (entering them is refused while the registry has them), ethnicity and
 * occupation as entered (or as recorded before); a party not in the registry, everything as
 * entered. `input` lists the parties in the case's order; an entry names its party by id. Every
 * party must end with all five, and the first gap is refused naming its field
 * (`parties[1].occupation`).
 */
export function agreementParticulars(
  parties: PartyRow[],
  input: PartyParticulars[],
  registry: Map<string, RegistryParticulars>,
): Map<string, ParticularsPatch> {
  input.forEach((p, i) => {
    if (!parties.some((x) => x.id === p.partyId)) throw invalidField(`parties[${i}].partyId`, '不是本案的当事人');
  });
  const out = new Map<string, ParticularsPatch>();
  parties.forEach((party, position) => {
    const index = input.findIndex((p) => p.partyId === party.id);
    const given: Partial<PartyParticulars> = input[index] ?? {};
    const field = (name: string) => `parties[${index >= 0 ? index : position}].${name}`;
    const reg = party.resident_id ? registry.get(party.resident_id) : undefined;
    if (reg) {
      const entered = FROM_REGISTRY.find((f) => given[f] !== undefined);
      if (entered) throw invalidField(field(entered), `“${party.name}”是居民库登记的居民，${LABELS[entered]}以居民库为准，不在此填写`);
    }
    const patch: ParticularsPatch = {
      sex: reg?.sex ?? given.sex ?? party.sex,
      age: reg?.age ?? given.age ?? party.age,
      address: reg?.address ?? (given.address?.trim() || party.address),
      ethnicity: checkEthnicity(given.ethnicity, field('ethnicity')) ?? party.ethnicity,
      occupation: given.occupation?.trim() || party.occupation,
    };
    const missing = (Object.keys(LABELS) as (keyof ParticularsPatch)[]).find((f) => patch[f] === null || patch[f] === undefined || patch[f] === '');
    if (missing) throw invalidField(field(missing), `书面调解协议须写明当事人“${party.name}”的${LABELS[missing]}`);
    out.set(party.id, patch);
  });
  return out;
}
