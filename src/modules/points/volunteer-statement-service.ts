import { SYSTEM_ACTOR, dbContext, type Actor } from '../../platform/actor.js';
import { withContext, type Tx } from '../../platform/db/context.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { chinaDate } from '../../platform/time.js';
import type { ResidentPass } from '../cocreation/index.js';
import { partyMembershipOfResident } from '../party/index.js';
import { authorize, inScope } from './policy.js';
import type { HoursStatement, MyVolunteering } from './timebank-schema.js';
import * as store from './timebank-store.js';

// A volunteer's own hours (时长月结单), for the cadre's time-bank page and for the volunteer on their
// phone with the resident's pass: the month's opening balance, each movement (service confirmed,
// spent, donated, received) and the closing balance. Hours count on the day they were confirmed,
// transfers on the day they were made, so the months add up to the balance.

const round1 = (n: number) => Math.round(n * 10) / 10;
const sum = (rows: store.MovementRow[]) => round1(rows.reduce((s, r) => s + r.hours, 0));

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

async function statementOf(tx: Tx, v: store.VolunteerRow, month: string): Promise<HoursStatement> {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const opening = sum(await store.movementsOf(tx, v.id, null, from));
  const rows = await store.movementsOf(tx, v.id, from, to);
  const of = (kind: store.MovementRow['kind']) => Math.abs(sum(rows.filter((r) => r.kind === kind)));
  return {
    volunteerId: v.id,
    name: v.name,
    month,
    opening,
    earned: of('service'),
    received: of('receive'),
    spent: of('spend'),
    donated: of('donate'),
    closing: round1(opening + sum(rows)),
    lines: rows.map((r) => ({ on: r.on, kind: r.kind, hours: round1(r.hours), text: r.text, otherName: r.other_name })),
  };
}

/** A volunteer's month, for cadres and grid workers in scope. */
export async function volunteerStatement(deps: Deps, actor: Actor, id: string, month: string | undefined): Promise<HoursStatement> {
  authorize(actor, 'points.read');
  const m = month ?? chinaDate(deps.clock.now()).slice(0, 7);
  return withContext(deps.db, dbContext(actor), async (tx) => {
    const v = await store.findVolunteer(tx, id);
    if (!v || !inScope(actor, v.path)) throw notFound('志愿者', id);
    return statementOf(tx, v, m);
  });
}

/**
 * The pass holder's own volunteering: balance, the month's statement, and the hours they gave
 * (waiting for the receiver or confirmed). Not a volunteer: `volunteer` is null and lists are empty.
 */
export async function myVolunteering(deps: Deps, pass: ResidentPass, month: string | undefined): Promise<MyVolunteering> {
  const m = month ?? chinaDate(deps.clock.now()).slice(0, 7);
  return withContext(deps.db, dbContext(SYSTEM_ACTOR), async (tx) => {
    const v = await store.findVolunteerByResident(tx, pass.residentId);
    if (!v || v.village_code !== pass.villageCode) return { volunteer: null, statement: null, given: [] };
    const party = await partyMembershipOfResident(tx, v.resident_id);
    const given = await store.hoursOfVolunteer(tx, v.id);
    return {
      volunteer: { name: v.name, balance: round1(v.balance), earned: round1(v.earned), pending: round1(v.pending), partyOrgName: party?.orgName ?? null },
      statement: await statementOf(tx, v, m),
      given: given.map((h) => ({
        id: h.id,
        receiverName: h.receiver_name,
        category: h.category,
        servedOn: h.served_on,
        hours: h.hours,
        activity: h.activity,
        status: h.status,
      })),
    };
  });
}
