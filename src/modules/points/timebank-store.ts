import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { TimebankHoursTable, TimebankServicesTable, TimebankTransfersTable, TimebankVolunteersTable } from './tables.js';

// The SQL of the time bank (时间银行). A volunteer's balance is summed from confirmed hours and
// transfers; the village pool's from donations to it and spending from it.

export interface VolunteerRow {
  id: string;
  resident_id: string;
  village_code: string;
  path: string;
  name: string;
  skills: string | null;
  registered_on: string;
  earned: number;
  pending: number;
  balance: number;
}

const volunteerColumns = sql`v.id, v.resident_id, v.village_code, v.path::text AS path, v.name, v.skills, v.registered_on::text AS registered_on,
  coalesce((SELECT sum(hours) FROM timebank_hours h WHERE h.volunteer_id = v.id AND h.status = 'confirmed'), 0)::float8 AS earned,
  coalesce((SELECT sum(hours) FROM timebank_hours h WHERE h.volunteer_id = v.id AND h.status = 'logged'), 0)::float8 AS pending,
  (coalesce((SELECT sum(hours) FROM timebank_hours h WHERE h.volunteer_id = v.id AND h.status = 'confirmed'), 0)
   - coalesce((SELECT sum(hours) FROM timebank_transfers t WHERE t.from_volunteer_id = v.id), 0)
   + coalesce((SELECT sum(hours) FROM timebank_transfers t WHERE t.to_volunteer_id = v.id), 0))::float8 AS balance`;

export async function findVolunteer(tx: Tx, id: string): Promise<VolunteerRow | undefined> {
  const { rows } = await sql<VolunteerRow>`SELECT ${volunteerColumns} FROM timebank_volunteers v WHERE v.id = ${id}`.execute(tx);
  return rows[0];
}

export async function findVolunteerByResident(tx: Tx, residentId: string): Promise<VolunteerRow | undefined> {
  const { rows } = await sql<VolunteerRow>`SELECT ${volunteerColumns} FROM timebank_volunteers v WHERE v.resident_id = ${residentId}`.execute(tx);
  return rows[0];
}

export async function listVolunteers(tx: Tx, villageCode: string): Promise<VolunteerRow[]> {
  const { rows } = await sql<VolunteerRow>`SELECT ${volunteerColumns} FROM timebank_volunteers v WHERE v.village_code = ${villageCode}
    ORDER BY v.registered_on, v.name, v.id LIMIT 1000`.execute(tx);
  return rows;
}

/** Locks a volunteer's row: spending and donating take turns here. */
export async function lockVolunteer(tx: Tx, id: string): Promise<void> {
  await sql`SELECT id FROM timebank_volunteers WHERE id = ${id} FOR UPDATE`.execute(tx);
}

/** The village pool has no row to lock: a transaction-scoped advisory lock on its code serves. */
export async function lockPool(tx: Tx, villageCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`timebank-pool:${villageCode}`}))`.execute(tx);
}

export async function poolTotals(tx: Tx, villageCode: string): Promise<{ donated: number; spent: number }> {
  const { rows } = await sql<{ donated: number; spent: number }>`SELECT
      coalesce(sum(hours) FILTER (WHERE kind = 'donate' AND to_volunteer_id IS NULL), 0)::float8 AS donated,
      coalesce(sum(hours) FILTER (WHERE kind = 'spend' AND from_volunteer_id IS NULL), 0)::float8 AS spent
    FROM timebank_transfers WHERE village_code = ${villageCode}`.execute(tx);
  return rows[0]!;
}

export async function insertVolunteer(tx: Tx, row: Insertable<TimebankVolunteersTable>): Promise<void> {
  await tx.insertInto('timebank_volunteers').values(row).execute();
}

export interface ServiceRow {
  id: string;
  village_code: string;
  path: string;
  direction: TimebankServicesTable['direction'];
  category: TimebankHoursTable['category'];
  volunteer_id: string | null;
  resident_id: string | null;
  name: string;
  description: string;
  status: 'open' | 'closed';
  created_at: Date;
}

const serviceColumns = sql`s.id, s.village_code, s.path::text AS path, s.direction, s.category, s.volunteer_id, s.resident_id,
  coalesce((SELECT v.name FROM timebank_volunteers v WHERE v.id = s.volunteer_id), (SELECT r.name FROM residents r WHERE r.id = s.resident_id), '') AS name,
  s.description, s.status, s.created_at`;

export async function findService(tx: Tx, id: string): Promise<ServiceRow | undefined> {
  const { rows } = await sql<ServiceRow>`SELECT ${serviceColumns} FROM timebank_services s WHERE s.id = ${id}`.execute(tx);
  return rows[0];
}

export async function listServices(tx: Tx, villageCode: string, direction?: string, status?: string): Promise<ServiceRow[]> {
  const { rows } = await sql<ServiceRow>`SELECT ${serviceColumns} FROM timebank_services s WHERE s.village_code = ${villageCode}
    ${direction ? sql`AND s.direction = ${direction}` : sql``} ${status ? sql`AND s.status = ${status}` : sql``}
    ORDER BY s.created_at DESC, s.id LIMIT 500`.execute(tx);
  return rows;
}

export async function insertService(tx: Tx, row: Insertable<TimebankServicesTable>): Promise<void> {
  await tx.insertInto('timebank_services').values(row).execute();
}

export async function closeService(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('timebank_services').set({ status: 'closed' }).where('id', '=', id).execute();
}

export interface HoursRow {
  id: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_resident_id: string;
  receiver_id: string;
  receiver_name: string;
  village_code: string;
  path: string;
  category: TimebankHoursTable['category'];
  served_on: string;
  hours: number;
  activity: string;
  status: 'logged' | 'confirmed';
  confirmed_via: 'receiver' | 'cadre' | null;
}

const hoursColumns = sql`h.id, h.volunteer_id, v.name AS volunteer_name, v.resident_id AS volunteer_resident_id, h.receiver_id,
  coalesce((SELECT r.name FROM residents r WHERE r.id = h.receiver_id), '') AS receiver_name, h.village_code, h.path::text AS path,
  h.category, h.served_on::text AS served_on, h.hours::float8 AS hours, h.activity, h.status, h.confirmed_via`;

export async function findHours(tx: Tx, id: string): Promise<HoursRow | undefined> {
  const { rows } =
    await sql<HoursRow>`SELECT ${hoursColumns} FROM timebank_hours h JOIN timebank_volunteers v ON v.id = h.volunteer_id WHERE h.id = ${id}`.execute(tx);
  return rows[0];
}

export async function hoursOfVolunteer(tx: Tx, volunteerId: string, status?: 'confirmed'): Promise<HoursRow[]> {
  const { rows } = await sql<HoursRow>`SELECT ${hoursColumns} FROM timebank_hours h JOIN timebank_volunteers v ON v.id = h.volunteer_id
    WHERE h.volunteer_id = ${volunteerId} ${status ? sql`AND h.status = ${status}` : sql``} ORDER BY h.served_on DESC, h.id LIMIT 500`.execute(tx);
  return rows;
}

/** Hours waiting for a receiver's confirmation. */
export async function hoursForReceiver(tx: Tx, receiverId: string): Promise<HoursRow[]> {
  const { rows } = await sql<HoursRow>`SELECT ${hoursColumns} FROM timebank_hours h JOIN timebank_volunteers v ON v.id = h.volunteer_id
    WHERE h.receiver_id = ${receiverId} ORDER BY h.served_on DESC, h.id LIMIT 200`.execute(tx);
  return rows;
}

export async function insertHours(tx: Tx, row: Insertable<TimebankHoursTable>): Promise<void> {
  await tx.insertInto('timebank_hours').values(row).execute();
}

/** Confirms logged hours; false when they were confirmed already (a concurrent confirmation). */
export async function confirmHours(tx: Tx, id: string, via: 'receiver' | 'cadre', by: string | null, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('timebank_hours')
    .set({ status: 'confirmed', confirmed_at: now, confirmed_via: via, confirmed_by: by })
    .where('id', '=', id)
    .where('status', '=', 'logged')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTransfer(tx: Tx, row: Insertable<TimebankTransfersTable>): Promise<void> {
  await tx.insertInto('timebank_transfers').values(row).execute();
}

export interface MovementRow {
  on: string;
  kind: 'service' | 'spend' | 'donate' | 'receive';
  /** Signed: positive adds to the volunteer's balance. */
  hours: number;
  text: string;
  other_name: string | null;
}

/**
 * Everything that moved a volunteer's balance, each on the day it counted (China time): hours on
 * the day they were confirmed, spending and donations on the day they were made. `before` alone:
 * everything earlier (the opening); with `to`: the month [before, to).
 */
export async function movementsOf(tx: Tx, volunteerId: string, from: string | null, to: string): Promise<MovementRow[]> {
  const range = (col: ReturnType<typeof sql>) =>
    from === null
      ? sql`(${col} AT TIME ZONE 'Asia/Shanghai')::date < ${to}::date`
      : sql`(${col} AT TIME ZONE 'Asia/Shanghai')::date >= ${from}::date AND (${col} AT TIME ZONE 'Asia/Shanghai')::date < ${to}::date`;
  const { rows } = await sql<MovementRow>`SELECT * FROM (
      SELECT to_char(h.confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on, 'service' AS kind, h.hours::float8 AS hours,
        h.activity AS text, (SELECT r.name FROM residents r WHERE r.id = h.receiver_id) AS other_name, h.confirmed_at AS at, h.id
      FROM timebank_hours h WHERE h.volunteer_id = ${volunteerId} AND h.status = 'confirmed' AND ${range(sql`h.confirmed_at`)}
      UNION ALL
      SELECT to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), t.kind, -t.hours::float8, t.note,
        (SELECT v.name FROM timebank_volunteers v WHERE v.id = t.to_volunteer_id), t.created_at, t.id
      FROM timebank_transfers t WHERE t.from_volunteer_id = ${volunteerId} AND ${range(sql`t.created_at`)}
      UNION ALL
      SELECT to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 'receive', t.hours::float8, t.note,
        (SELECT v.name FROM timebank_volunteers v WHERE v.id = t.from_volunteer_id), t.created_at, t.id
      FROM timebank_transfers t WHERE t.to_volunteer_id = ${volunteerId} AND ${range(sql`t.created_at`)}
    ) m ORDER BY m.at, m.id`.execute(tx);
  return rows;
}
