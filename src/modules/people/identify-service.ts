import type { Tx } from '../../platform/db/context.js';
import type { Config } from '../../platform/config.js';
import { invalidField } from '../../platform/errors.js';
import { isWithin } from '../regions/index.js';
import { parseIdNumber } from './id-number.js';
import { lookupDigest } from './protect.js';
import { findHousehold, findResidentByIdHmac } from './store.js';

/** A registry resident who proved who they are (name + ID number) on a public page. */
export interface IdentifiedResident {
  residentId: string;
  householdId: string;
  name: string;
  /** The household's path (village, plus grid when assigned). */
  path: string;
  /** 18 and over on `today`. */
  adult: boolean;
  isHead: boolean;
}

/**
 * Finds the active resident with this ID number and name living under `areaPath` (a village or
 * below). The answer never says which of the three did not match, so the page cannot be used to
 * learn where someone lives. The ID number is looked up by its keyed digest only.
 */
export async function identifyResident(
  tx: Tx,
  config: Config,
  p: { name: string; idNumber: string; areaPath: string; today: Date },
): Promise<IdentifiedResident> {
  const facts = parseIdNumber(p.idNumber, p.today);
  const r = await findResidentByIdHmac(tx, lookupDigest(config, 'id', facts.normalized));
  const nope = invalidField('idNumber', '姓名与身份证号未在本村（社区）登记，请核对或联系村（社区）干部');
  if (!r || r.status !== 'active' || r.name !== p.name.trim() || !isWithin(r.path, p.areaPath)) throw nope;
  const household = await findHousehold(tx, r.household_id);
  if (!household || household.status !== 'active') throw nope;
  const birth = new Date(`${r.birth_date}T00:00:00+08:00`);
  const eighteen = new Date(birth);
  eighteen.setFullYear(birth.getFullYear() + 18);
  return {
    residentId: r.id,
    householdId: r.household_id,
    name: r.name,
    path: r.path,
    adult: eighteen.getTime() <= p.today.getTime(),
    isHead: household.head_resident_id === r.id,
  };
}
