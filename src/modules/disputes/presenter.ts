import type { Config } from '../../platform/config.js';
import { maskPersonalNumbers as mask, maskPhone } from '../../platform/mask.js';
import { toOffsetIso } from '../../platform/time.js';
import { reveal } from '../people/index.js';
import { subcategory } from '../requests/index.js';
import type { CaseDepartmentRow } from './joint-store.js';
import type { Agreement, CaseDepartment, DisputeCase, Mediator, Party, Reception, Session } from './schema.js';
import type { AgreementRow, CaseListRow, EventRow, MediatorRow, PartyRow, ReceptionRow, SessionRow } from './store.js';

const iso = (d: Date | string | null) => (d === null ? null : toOffsetIso(d));

export function disputeTypeName(code: string): string {
  return subcategory(code)?.name ?? code;
}

/**
 * A case as it leaves the server. Its free text (title, narrative, notes, session records,
 * agreement texts) has every ID- or phone-like number masked here, for every role.
 */
export function presentCase(r: CaseListRow, now: Date): DisputeCase {
  return {
    id: r.id,
    number: r.number,
    source: r.source,
    workOrderId: r.work_order_id,
    disputeType: r.dispute_type,
    disputeTypeName: disputeTypeName(r.dispute_type),
    title: mask(r.title),
    narrative: mask(r.narrative),
    amount: r.amount === null ? null : Number(r.amount),
    attachments: r.attachments,
    methods: r.methods,
    riskLevel: r.risk_level,
    autoRiskLevel: r.auto_risk_level,
    riskReasons: r.risk_reasons,
    level: r.level,
    unitRegionCode: r.unit_region_code,
    unitName: r.unit_name,
    levelStartedAt: toOffsetIso(r.level_started_at),
    levelDue: toOffsetIso(r.level_due),
    overdue: (r.status === 'open' || r.status === 'failed') && new Date(r.level_due).getTime() < now.getTime(),
    gridCode: r.grid_code,
    villageCode: r.village_code,
    villageName: r.village_name,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    status: r.status,
    outcome: r.outcome,
    referral: r.referral,
    outcomeNote: mask(r.outcome_note),
    mediatorId: r.mediator_id,
    mediatorName: r.mediator_name,
    mediatorPhone: r.mediator_phone,
    receptionId: r.reception_id,
    escalations: r.escalations,
    partyNames: r.party_names ?? [],
    closedLevel: r.closed_level,
    closedAt: iso(r.closed_at),
    synthetic: r.synthetic,
    createdAt: toOffsetIso(r.created_at),
    updatedAt: toOffsetIso(r.updated_at),
  };
}

/** A party: ID and phone numbers masked here, once, for everyone. */
export function presentParty(p: PartyRow, config: Config): Party {
  return {
    id: p.id,
    seq: p.seq,
    role: p.role,
    residentId: p.resident_id,
    name: p.name,
    idNumber: p.id_number_masked,
    phone: p.phone_masked ?? (p.phone_enc ? maskPhone(reveal(config, p.phone_enc)) : null),
    address: mask(p.address),
    sex: p.sex,
    age: p.age,
    ethnicity: p.ethnicity,
    occupation: mask(p.occupation),
  };
}

export function presentSession(s: SessionRow): Session {
  return {
    id: s.id,
    heldAt: toOffsetIso(s.held_at),
    place: mask(s.place),
    attendees: s.attendees.map((a) => mask(a)),
    record: mask(s.record),
    methods: s.methods,
    mediatorId: s.mediator_id,
    mediatorName: s.mediator_name,
    createdAt: toOffsetIso(s.created_at),
  };
}

/** The agreement; `parties` names the applicants for judicial confirmation. */
export function presentAgreement(a: AgreementRow, parties: Pick<PartyRow, 'id' | 'name'>[] = []): Agreement {
  return {
    id: a.id,
    kind: a.kind,
    facts: mask(a.facts),
    matters: mask(a.matters),
    responsibilities: mask(a.responsibilities),
    terms: mask(a.terms),
    performanceMethod: mask(a.performance_method),
    performanceDeadline: a.performance_deadline,
    committeeName: a.committee_name,
    partiesSigned: a.parties_signed,
    signedAt: iso(a.signed_at),
    stamped: a.stamped,
    stampedAt: iso(a.stamped_at),
    effectiveAt: iso(a.effective_at),
    judicialDue: a.judicial_due,
    followedUpAt: iso(a.followed_up_at),
    performed: a.performed,
    followUpNote: mask(a.follow_up_note),
    judicial: a.judicial_applied_on
      ? {
          appliedOn: a.judicial_applied_on,
          court: a.judicial_court ?? '',
          applicants: (a.judicial_applicants ?? []).map((id) => ({ partyId: id, name: parties.find((p) => p.id === id)?.name ?? '' })),
          outcome: a.judicial_outcome,
          ruledOn: a.judicial_ruled_on,
          document: a.judicial_document,
          reason: mask(a.judicial_reason),
        }
      : null,
    createdAt: toOffsetIso(a.created_at),
  };
}

export function presentCaseDepartment(d: CaseDepartmentRow): CaseDepartment {
  return {
    id: d.id,
    departmentId: d.department_id,
    departmentName: d.department_name,
    method: d.method,
    note: mask(d.note),
    invitedAt: toOffsetIso(d.invited_at),
    partNote: mask(d.part_note),
    partAt: iso(d.part_at),
    partByName: d.part_by_name,
  };
}

export function presentEvent(e: EventRow) {
  return { id: e.id, at: toOffsetIso(e.occurred_at), action: e.action, actorName: e.actor_name, note: mask(e.note), details: e.details };
}

export function presentMediator(m: MediatorRow): Mediator {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    specialties: m.specialties,
    regionCode: m.region_code,
    regionName: m.region_name,
    organization: m.organization,
    phone: m.phone_masked,
    active: m.active,
    workload: Number(m.workload),
    synthetic: m.synthetic,
  };
}

export function presentReception(r: ReceptionRow): Reception {
  return {
    id: r.id,
    kind: r.kind,
    leaderName: r.leader_name,
    leaderTitle: r.leader_title,
    scheduledAt: toOffsetIso(r.scheduled_at),
    place: r.place,
    regionCode: r.region_code,
    regionName: r.region_name,
    notes: mask(r.notes),
    caseCount: Number(r.case_count),
    synthetic: r.synthetic,
  };
}
