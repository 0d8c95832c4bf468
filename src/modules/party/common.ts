import type { Actor } from '../../platform/actor.js';
import type { Tx } from '../../platform/db/context.js';
import { invalidField, notFound, outOfScope } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import { findRegionForUpdate } from '../regions/service.js';
import { inScope } from './policy.js';

export interface ScopedRegion {
  code: string;
  name: string;
  path: string;
  level: string;
}

/** The region a list or report is about: the one asked for (404 outside scope), or the actor's own. */
export async function regionOrOwn(tx: Tx, actor: Actor, regionCode: string | undefined): Promise<ScopedRegion> {
  const code = regionCode ?? actor.regionCode;
  const region = code ? await findRegionForUpdate(tx, code) : undefined;
  if (!region || !inScope(actor, region.path)) throw notFound('区划', code);
  return region;
}

/** A region named in a body: a 400 on that field when it is unknown or outside scope. */
export async function regionField(tx: Tx, actor: Actor, code: string, field: string): Promise<ScopedRegion> {
  const region = await findRegionForUpdate(tx, code);
  if (!region || !inScope(actor, region.path)) throw outOfScope(field, '区划不存在或不在您的管理范围内');
  return region;
}

/** Things are recorded after they happen: a date after today (China time) is a typing error. */
export function checkNotFuture(field: string, date: string, now: Date): void {
  if (date > chinaDate(now)) throw invalidField(field, '日期不能晚于今天');
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole years from a birth date to a date, both YYYY-MM-DD. */
export function yearsBetween(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}
