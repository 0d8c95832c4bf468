import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';

// Types shared with the web app: one-stop dispute mediation (矛盾纠纷一站式、多元化解).

export const DISPUTE_LEVELS = ['grid', 'village', 'township', 'county'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const CASE_SOURCES = ['work_order', 'window', 'grid'] as const;
/** open: being mediated; failed: mediation failed at this level, awaiting escalation or referral; agreed: agreement reached, not yet closed. */
export const CASE_STATUSES = ['open', 'failed', 'agreed', 'closed'] as const;
export const OUTCOMES = ['written', 'oral', 'referred'] as const;
export const REFERRALS = ['litigation', 'arbitration', 'petition'] as const;
export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export const MEDIATOR_KINDS = ['full_time', 'part_time'] as const;
export const RECEPTION_KINDS = ['receive', 'appoint', 'visit'] as const;
export const SEXES = ['male', 'female'] as const;
/** 司法确认 ruling: 裁定调解协议有效 (confirmed) or 裁定驳回申请 (rejected). */
export const JUDICIAL_OUTCOMES = ['confirmed', 'rejected'] as const;

/** The 56 ethnic groups by their official names (GB/T 3304), as an agreement states a party's 民族. */
export const ETHNIC_GROUPS = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const;

/** Mediation methods (multi-select per case and per session): the 四调 and joint mediation with the units stationed in the centre. */
export const MEDIATION_METHODS = [
  { code: 'family', name: '院户亲情调' },
  { code: 'compact', name: '村规民约调' },
  { code: 'branch', name: '支部说事调' },
  { code: 'judicial', name: '司法权威调' },
  { code: 'joint_zongzhi', name: '联合调解·综治' },
  { code: 'joint_petition', name: '联合调解·信访' },
  { code: 'joint_justice', name: '联合调解·司法所' },
  { code: 'joint_police', name: '联合调解·派出所' },
  { code: 'joint_court', name: '联合调解·法庭' },
  { code: 'joint_veterans', name: '联合调解·退役军人服务' },
  { code: 'joint_women', name: '联合调解·妇联' },
  { code: 'joint_labour', name: '联合调解·劳动' },
] as const;
export type MediationMethod = (typeof MEDIATION_METHODS)[number]['code'];
export const METHOD_CODES = MEDIATION_METHODS.map((m) => m.code);

export const STATUS_NAMES: Record<(typeof CASE_STATUSES)[number], string> = { open: '调解中', failed: '调解未成', agreed: '已达成协议', closed: '已结案' };
export const OUTCOME_NAMES: Record<(typeof OUTCOMES)[number], string> = { written: '书面协议', oral: '口头协议', referred: '引导诉讼/仲裁/信访' };
export const REFERRAL_NAMES: Record<(typeof REFERRALS)[number], string> = { litigation: '诉讼', arbitration: '仲裁', petition: '信访' };
export const PARTY_ROLE_NAMES: Record<(typeof PARTY_ROLES)[number], string> = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' };
export const RECEPTION_KIND_NAMES: Record<(typeof RECEPTION_KINDS)[number], string> = { receive: '接访', appoint: '约访', visit: '带案下访' };
export const MEDIATOR_KIND_NAMES: Record<(typeof MEDIATOR_KINDS)[number], string> = { full_time: '专职', part_time: '兼职' };
export const SEX_NAMES: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };
export const JUDICIAL_OUTCOME_NAMES: Record<(typeof JUDICIAL_OUTCOMES)[number], string> = { confirmed: '裁定调解协议有效', rejected: '裁定驳回申请' };

const Uuid = Type.String({ format: 'uuid' });
const DisputeType = Type.String({ pattern: '^12[0-9]{2}$' });
const RegionCode = Type.String({ pattern: '^[0-9]{6,15}$' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Method = enumOf(METHOD_CODES);
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

// ---- Cases -------------------------------------------------------------------------------

export const PartyInputSchema = Type.Object(
  {
    role: enumOf(PARTY_ROLES),
    /** A resident from the registry (name, masked ID and phone are taken from it), or leave out and give a name. */
    residentId: Type.Optional(Uuid),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    idNumber: Type.Optional(Type.String({ maxLength: 18 })),
    /** For a registered resident the registry's household address is taken instead. */
    address: Type.Optional(Type.String({ maxLength: 200 })),
    /** Particulars for the written agreement (art. 29); a registered resident's sex and age come from the registry. */
    sex: Type.Optional(enumOf(SEXES)),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    ethnicity: Type.Optional(Type.String({ maxLength: 20 })),
    occupation: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type PartyInput = Static<typeof PartyInputSchema>;

export const AddPartyBodySchema = Type.Object({ party: PartyInputSchema }, { additionalProperties: false });
export type AddPartyBody = Static<typeof AddPartyBodySchema>;

export const CreateCaseBodySchema = Type.Object(
  {
    disputeType: DisputeType,
    title: Type.Optional(Type.String({ maxLength: 60 })),
    narrative: Type.String({ minLength: 5, maxLength: 4000 }),
    /** Amount at stake in yuan. */
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    /** File names only: the files themselves are not stored by this version. */
    attachments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
    parties: Type.Array(PartyInputSchema, { minItems: 1, maxItems: 200 }),
    /** The place: a village, township or the county (defaults to the actor's own region). */
    regionCode: Type.Optional(RegionCode),
    gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
    methods: Type.Optional(Type.Array(Method, { maxItems: 12 })),
    mediatorId: Type.Optional(Uuid),
    receptionId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBodySchema>;

export const PartySchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  role: enumOf(PARTY_ROLES),
  residentId: Nullable(Type.String()),
  name: Type.String(),
  /** Masked: 522631********1234. */
  idNumber: Nullable(Type.String()),
  /** Masked: 138****1234. */
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  /** The particulars a written agreement states (人民调解法 art. 29): from the registry for a registered resident (sex, age, address). */
  sex: Nullable(enumOf(SEXES)),
  age: Nullable(Type.Integer()),
  ethnicity: Nullable(Type.String()),
  occupation: Nullable(Type.String()),
});
export type Party = Static<typeof PartySchema>;

export const DisputeCaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  source: enumOf(CASE_SOURCES),
  workOrderId: Nullable(Type.String()),
  disputeType: Type.String(),
  disputeTypeName: Type.String(),
  title: Type.String(),
  narrative: Type.String(),
  amount: Nullable(Type.Number()),
  attachments: Type.Array(Type.String()),
  methods: Type.Array(Type.String()),
  riskLevel: enumOf(RISK_LEVELS),
  autoRiskLevel: enumOf(RISK_LEVELS),
  riskReasons: Type.Array(Type.String()),
  level: enumOf(DISPUTE_LEVELS),
  unitRegionCode: Type.String(),
  unitName: Nullable(Type.String()),
  levelStartedAt: Type.String(),
  levelDue: Type.String(),
  overdue: Type.Boolean(),
  gridCode: Nullable(Type.String()),
  villageCode: Nullable(Type.String()),
  villageName: Nullable(Type.String()),
  townshipCode: Nullable(Type.String()),
  townshipName: Nullable(Type.String()),
  status: enumOf(CASE_STATUSES),
  outcome: Nullable(enumOf(OUTCOMES)),
  referral: Nullable(enumOf(REFERRALS)),
  outcomeNote: Nullable(Type.String()),
  mediatorId: Nullable(Type.String()),
  mediatorName: Nullable(Type.String()),
  /** Masked: 138****1234 (the full number through the roster's audited reveal). */
  mediatorPhone: Nullable(Type.String()),
  receptionId: Nullable(Type.String()),
  escalations: Type.Integer(),
  partyNames: Type.Array(Type.String()),
  closedLevel: Nullable(enumOf(DISPUTE_LEVELS)),
  closedAt: Nullable(Type.String()),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type DisputeCase = Static<typeof DisputeCaseSchema>;

export const SessionSchema = Type.Object({
  id: Type.String(),
  heldAt: Type.String(),
  place: Type.String(),
  attendees: Type.Array(Type.String()),
  record: Type.String(),
  methods: Type.Array(Type.String()),
  mediatorId: Nullable(Type.String()),
  mediatorName: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Session = Static<typeof SessionSchema>;

export const AgreementSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('written'), Type.Literal('oral')]),
  facts: Nullable(Type.String()),
  matters: Nullable(Type.String()),
  responsibilities: Nullable(Type.String()),
  terms: Type.String(),
  performanceMethod: Nullable(Type.String()),
  performanceDeadline: Nullable(Type.String()),
  committeeName: Nullable(Type.String()),
  partiesSigned: Type.Boolean(),
  signedAt: Nullable(Type.String()),
  stamped: Type.Boolean(),
  stampedAt: Nullable(Type.String()),
  effectiveAt: Nullable(Type.String()),
  /** Last day to apply to the court for judicial confirmation (司法确认): 30 days after it takes effect. */
  judicialDue: Nullable(Type.String()),
  followedUpAt: Nullable(Type.String()),
  performed: Nullable(Type.Boolean()),
  followUpNote: Nullable(Type.String()),
  /** 司法确认: the parties' joint application and, once the court has ruled, its ruling. */
  judicial: Nullable(
    Type.Object({
      appliedOn: Type.String(),
      court: Type.String(),
      applicants: Type.Array(Type.Object({ partyId: Type.String(), name: Type.String() })),
      outcome: Nullable(enumOf(JUDICIAL_OUTCOMES)),
      ruledOn: Nullable(Type.String()),
      /** The ruling's number, e.g. （2026）黔2631民特12号. */
      document: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
  createdAt: Type.String(),
});
export type Agreement = Static<typeof AgreementSchema>;

/** A department taking part in the case's joint mediation (联合调解), and its part once recorded. */
export const CaseDepartmentSchema = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  method: Nullable(Type.String()),
  note: Nullable(Type.String()),
  invitedAt: Type.String(),
  partNote: Nullable(Type.String()),
  partAt: Nullable(Type.String()),
  partByName: Nullable(Type.String()),
});
export type CaseDepartment = Static<typeof CaseDepartmentSchema>;

export const CaseEventSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  action: Type.String(),
  actorName: Type.String(),
  note: Nullable(Type.String()),
  details: Type.Unknown(),
});

export const EVIDENCE_TARGETS = ['case', 'session', 'agreement'] as const;

/** A piece of evidence (证据材料) on the case; its bytes are at /api/v1/files/:id/content. */
export const EvidenceSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  /** The case as a whole, one of its sessions (sessionId), or its agreement. */
  attachedTo: enumOf(EVIDENCE_TARGETS),
  sessionId: Nullable(Type.String()),
  note: Nullable(Type.String()),
  addedAt: Type.String(),
  addedByName: Type.String(),
  /** When a mediator marked it as shown to both parties (质证), and who. */
  shownAt: Nullable(Type.String()),
  shownByName: Nullable(Type.String()),
});
export type Evidence = Static<typeof EvidenceSchema>;

export const CASE_ACTIONS = [
  'assign',
  'escalate',
  'raise-risk',
  'session',
  'agree',
  'fail',
  'refer',
  'sign',
  'stamp',
  'close',
  'visit',
  'link-reception',
  'add-party',
  'judicial-apply',
  'judicial-outcome',
  'invite-department',
  'department-part',
  'evidence',
  'evidence-shown',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const DisputeCaseDetailSchema = Type.Intersect([
  DisputeCaseSchema,
  Type.Object({
    workOrderNumber: Nullable(Type.String()),
    parties: Type.Array(PartySchema),
    sessions: Type.Array(SessionSchema),
    agreement: Nullable(AgreementSchema),
    departments: Type.Array(CaseDepartmentSchema),
    evidence: Type.Array(EvidenceSchema),
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(enumOf(CASE_ACTIONS)),
  }),
]);
export type DisputeCaseDetail = Static<typeof DisputeCaseDetailSchema>;

export const CaseQuerySchema = Type.Object(
  {
    level: Type.Optional(enumOf(DISPUTE_LEVELS)),
    status: Type.Optional(Type.Union([enumOf(CASE_STATUSES), Type.Literal('active')])),
    risk: Type.Optional(enumOf(RISK_LEVELS)),
    type: Type.Optional(DisputeType),
    regionCode: Type.Optional(RegionCode),
    mediatorId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    ...PageFields,
  },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuerySchema>;

export const CasePageSchema = Type.Object({ items: Type.Array(DisputeCaseSchema), total: Type.Integer() });
export type CasePage = Static<typeof CasePageSchema>;

// ---- Actions -----------------------------------------------------------------------------

export const AssignBodySchema = Type.Object({ mediatorId: Uuid, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type AssignBody = Static<typeof AssignBodySchema>;

/** Escalation and failure need a reason of at least 4 characters (checked after trimming). */
export const ReasonBodySchema = Type.Object({ reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBodySchema>;

export const RiskBodySchema = Type.Object(
  { level: enumOf(RISK_LEVELS), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type RiskBody = Static<typeof RiskBodySchema>;

export const SessionBodySchema = Type.Object(
  {
    heldAt: Type.String({ format: 'date-time' }),
    place: Type.String({ minLength: 1, maxLength: 200 }),
    attendees: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
    record: Type.String({ minLength: 1, maxLength: 20000 }),
    methods: Type.Array(Method, { minItems: 1, maxItems: 12 }),
    mediatorId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type SessionBody = Static<typeof SessionBodySchema>;

/**
 * A party's particulars as the mediator enters them for a written agreement: occupation or work unit
 * and ethnicity for everyone; sex, age and address only for a party not in the registry.
 */
export const PartyParticularsSchema = Type.Object(
  {
    partyId: Uuid,
    sex: Type.Optional(enumOf(SEXES)),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
    ethnicity: Type.Optional(Type.String({ maxLength: 20 })),
    occupation: Type.Optional(Type.String({ maxLength: 100 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PartyParticulars = Static<typeof PartyParticularsSchema>;

/** A written agreement needs everything art. 29 of the People's Mediation Law asks for; an oral one only its terms. */
export const AgreeBodySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('written'), Type.Literal('oral')]),
    facts: Type.Optional(Type.String({ maxLength: 10000 })),
    matters: Type.Optional(Type.String({ maxLength: 10000 })),
    responsibilities: Type.Optional(Type.String({ maxLength: 10000 })),
    terms: Type.String({ minLength: 1, maxLength: 10000 }),
    performanceMethod: Type.Optional(Type.String({ maxLength: 2000 })),
    performanceDeadline: Type.Optional(Day),
    committeeName: Type.Optional(Type.String({ maxLength: 100 })),
    /** The parties' particulars (written agreements), one entry per party of the case in its order. */
    parties: Type.Optional(Type.Array(PartyParticularsSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type AgreeBody = Static<typeof AgreeBodySchema>;

/** 司法确认 application: the day the parties applied jointly, the court, and which parties applied. */
export const JudicialApplyBodySchema = Type.Object(
  {
    appliedOn: Day,
    court: Type.String({ maxLength: 100 }),
    /** Party ids of the case: the applicant and respondent sides together (共同申请). */
    applicants: Type.Array(Uuid, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type JudicialApplyBody = Static<typeof JudicialApplyBodySchema>;

/** The court's ruling on the application: confirmed, or rejected with the court's reason; the ruling's number. */
export const JudicialOutcomeBodySchema = Type.Object(
  {
    outcome: enumOf(JUDICIAL_OUTCOMES),
    ruledOn: Day,
    document: Type.String({ maxLength: 60 }),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type JudicialOutcomeBody = Static<typeof JudicialOutcomeBodySchema>;

/** Invites a department to the case's joint mediation (联合调解). */
export const InviteDepartmentBodySchema = Type.Object(
  {
    departmentId: Uuid,
    method: Type.Optional(enumOf(METHOD_CODES.filter((m) => m.startsWith('joint_')))),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type InviteDepartmentBody = Static<typeof InviteDepartmentBodySchema>;

/** A department's part in the joint mediation, in its own words (at least 4 characters). */
export const DepartmentPartBodySchema = Type.Object({ note: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export type DepartmentPartBody = Static<typeof DepartmentPartBodySchema>;

const EvidenceFileSchema = Type.Object(
  {
    /** data URL or bare base64 of a photo (JPEG, PNG, WebP), a PDF, or a Word or Excel document, at most 10 MB. */
    data: Type.String({ minLength: 16, maxLength: 14_000_000 }),
    filename: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const EvidenceBodySchema = Type.Object(
  {
    files: Type.Array(EvidenceFileSchema, { minItems: 1, maxItems: 3 }),
    attachedTo: Type.Optional(enumOf(EVIDENCE_TARGETS)),
    /** The session the evidence belongs to, when attachedTo is 'session'. */
    sessionId: Type.Optional(Uuid),
    /** What the evidence shows (现场照片、借条复印件…). */
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type EvidenceBody = Static<typeof EvidenceBodySchema>;

export const EvidenceShownBodySchema = Type.Object({ fileId: Uuid }, { additionalProperties: false });
export type EvidenceShownBody = Static<typeof EvidenceShownBodySchema>;

export const ReferBodySchema = Type.Object({ to: enumOf(REFERRALS), reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type ReferBody = Static<typeof ReferBodySchema>;

export const SignBodySchema = Type.Object({ signedAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false });
export type SignBody = Static<typeof SignBodySchema>;

export const StampBodySchema = Type.Object({ committeeName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });
export type StampBody = Static<typeof StampBodySchema>;

export const NoteBodySchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBodySchema>;

export const VisitBodySchema = Type.Object(
  { performed: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type VisitBody = Static<typeof VisitBodySchema>;

export const LinkReceptionBodySchema = Type.Object({ receptionId: Nullable(Uuid) }, { additionalProperties: false });
export type LinkReceptionBody = Static<typeof LinkReceptionBodySchema>;

// ---- Agreement document (for the PDF) ----------------------------------------------------

export const AgreementDocumentSchema = Type.Object({
  caseNumber: Type.String(),
  disputeTypeName: Type.String(),
  committeeName: Nullable(Type.String()),
  mediatorName: Nullable(Type.String()),
  parties: Type.Array(
    Type.Object({
      role: enumOf(PARTY_ROLES),
      roleName: Type.String(),
      name: Type.String(),
      idNumber: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      address: Nullable(Type.String()),
      sex: Nullable(enumOf(SEXES)),
      age: Nullable(Type.Integer()),
      ethnicity: Nullable(Type.String()),
      occupation: Nullable(Type.String()),
      /** Whether sex, age and address were taken from the registry. */
      registered: Type.Boolean(),
    }),
  ),
  facts: Nullable(Type.String()),
  matters: Nullable(Type.String()),
  responsibilities: Nullable(Type.String()),
  terms: Type.String(),
  performanceMethod: Nullable(Type.String()),
  performanceDeadline: Nullable(Type.String()),
  agreedAt: Type.String(),
  partiesSigned: Type.Boolean(),
  signedAt: Nullable(Type.String()),
  stamped: Type.Boolean(),
  stampedAt: Nullable(Type.String()),
  effectiveAt: Nullable(Type.String()),
  judicialDue: Nullable(Type.String()),
  synthetic: Type.Boolean(),
});
export type AgreementDocument = Static<typeof AgreementDocumentSchema>;

// ---- Mediators ---------------------------------------------------------------------------

export const MediatorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: enumOf(MEDIATOR_KINDS),
  specialties: Type.Array(Type.String()),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  organization: Type.String(),
  /** Masked: 138****1234; the full number only through the audited reveal. */
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  /** Open cases assigned (open, failed or agreed but not closed). */
  workload: Type.Integer(),
  synthetic: Type.Boolean(),
});
export type Mediator = Static<typeof MediatorSchema>;

export const MediatorBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    kind: enumOf(MEDIATOR_KINDS),
    specialties: Type.Array(DisputeType, { maxItems: 20 }),
    regionCode: RegionCode,
    organization: Type.String({ minLength: 1, maxLength: 100 }),
    /** Stored encrypted, listed masked; an empty string removes it (when editing). */
    phone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type MediatorBody = Static<typeof MediatorBodySchema>;

export const MediatorPatchSchema = Type.Partial(MediatorBodySchema, { additionalProperties: false });
export type MediatorPatch = Static<typeof MediatorPatchSchema>;

export const MediatorQuerySchema = Type.Object(
  { regionCode: Type.Optional(RegionCode), type: Type.Optional(DisputeType), includeInactive: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type MediatorQuery = Static<typeof MediatorQuerySchema>;

export const MediatorListSchema = Type.Object({ items: Type.Array(MediatorSchema) });
export type MediatorList = Static<typeof MediatorListSchema>;

/** Why the full number is needed (real text, at least 4 characters; audited). */
export const RevealPhoneBodySchema = Type.Object({ reason: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type RevealPhoneBody = Static<typeof RevealPhoneBodySchema>;
export const RevealedPhoneSchema = Type.Object({ phone: Nullable(Type.String()) });

// ---- Petition receptions (信访) -------------------------------------------------------------

export const ReceptionSchema = Type.Object({
  id: Type.String(),
  kind: enumOf(RECEPTION_KINDS),
  leaderName: Type.String(),
  leaderTitle: Type.String(),
  scheduledAt: Type.String(),
  place: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  caseCount: Type.Integer(),
  synthetic: Type.Boolean(),
});
export type Reception = Static<typeof ReceptionSchema>;

export const ReceptionBodySchema = Type.Object(
  {
    kind: enumOf(RECEPTION_KINDS),
    leaderName: Type.String({ minLength: 1, maxLength: 50 }),
    leaderTitle: Type.String({ minLength: 1, maxLength: 100 }),
    scheduledAt: Type.String({ format: 'date-time' }),
    place: Type.String({ minLength: 1, maxLength: 200 }),
    regionCode: RegionCode,
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ReceptionBody = Static<typeof ReceptionBodySchema>;

export const ReceptionQuerySchema = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), regionCode: Type.Optional(RegionCode) },
  { additionalProperties: false },
);
export type ReceptionQuery = Static<typeof ReceptionQuerySchema>;

export const ReceptionListSchema = Type.Object({ items: Type.Array(ReceptionSchema) });
export type ReceptionList = Static<typeof ReceptionListSchema>;

// ---- Statistics and early warning ----------------------------------------------------------

export const STATS_GROUPS = ['type', 'level', 'method', 'outcome', 'township', 'month'] as const;

export const StatsQuerySchema = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    groupBy: Type.Optional(enumOf(STATS_GROUPS)),
    regionCode: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuerySchema>;

export const StatsRowSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  cases: Type.Integer(),
  open: Type.Integer(),
  closed: Type.Integer(),
  written: Type.Integer(),
  oral: Type.Integer(),
  referred: Type.Integer(),
  closedAt: Type.Object({ grid: Type.Integer(), village: Type.Integer(), township: Type.Integer(), county: Type.Integer() }),
  escalated: Type.Integer(),
  highRisk: Type.Integer(),
  /** 司法确认: cases whose parties applied to the court, and those the court confirmed (ruled valid) or rejected. */
  judicialApplied: Type.Integer(),
  judicialConfirmed: Type.Integer(),
  judicialRejected: Type.Integer(),
  /** Sum of days from creation to close over closed cases (so the average can be checked). */
  daysToCloseTotal: Type.Number(),
  successRate: Nullable(Type.Number()),
  villageOrBelowShare: Nullable(Type.Number()),
  avgDaysToClose: Nullable(Type.Number()),
});
export type StatsRow = Static<typeof StatsRowSchema>;

export const StatsReportSchema = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  groupBy: Nullable(enumOf(STATS_GROUPS)),
  total: StatsRowSchema,
  rows: Type.Array(StatsRowSchema),
  formulas: Type.Record(Type.String(), Type.String()),
});
export type StatsReport = Static<typeof StatsReportSchema>;

export const WarningsQuerySchema = Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false });
export type WarningsQuery = Static<typeof WarningsQuerySchema>;

export const RepeatPartySchema = Type.Object({
  /** The resident id, or `name:<normalized name>` for someone not in the registry. */
  key: Type.String(),
  name: Type.String(),
  residentId: Nullable(Type.String()),
  caseCount: Type.Integer(),
  cases: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), status: enumOf(CASE_STATUSES), createdAt: Type.String() })),
});
export type RepeatParty = Static<typeof RepeatPartySchema>;

export const WarningsSchema = Type.Object({
  /** People who are a party to 2 or more cases created in the last 12 months. */
  repeatParties: Type.Array(RepeatPartySchema),
  /** High-risk cases not yet closed. */
  highRiskOpen: Type.Array(DisputeCaseSchema),
});
export type Warnings = Static<typeof WarningsSchema>;

// ---- Reference data for forms ----------------------------------------------------------------

export const DisputeMetaSchema = Type.Object({
  types: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: enumOf(DISPUTE_LEVELS) })),
  methods: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  levels: Type.Array(Type.Object({ code: enumOf(DISPUTE_LEVELS), name: Type.String(), timeLimitWorkingDays: Type.Integer() })),
  riskWords: Type.Array(Type.String()),
  amountThresholds: Type.Object({ medium: Type.Number(), high: Type.Number() }),
});
export type DisputeMeta = Static<typeof DisputeMetaSchema>;
