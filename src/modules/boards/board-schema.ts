import { Type, type Static } from 'typebox';
import { enumOf, Nullable } from '../../platform/http/schemas.js';
import { BOARDS, ENTRY_STAGES, ENTRY_STATUSES, NOTICE_METHODS } from './kinds.js';

// Honour and warning boards (红榜 / 黑榜 / 黄榜): what the API takes and gives. Shared with the web
// app (imports nothing server-only).

const VillageCode = Type.String({ pattern: '^[0-9]{12}$', description: '村（社区）代码' });
const Day = Type.String({ format: 'date' });

/** Most evidence files on one entry. */
export const MAX_EVIDENCE = 10;

export const EvidenceSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  url: Type.String(),
});
export type Evidence = Static<typeof EvidenceSchema>;

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  raisedBy: Type.String(),
  content: Type.String(),
  raisedOn: Type.String(),
  answer: Nullable(Type.String()),
  upheld: Nullable(Type.Boolean()),
  answeredAt: Nullable(Type.String()),
});
export type Objection = Static<typeof ObjectionSchema>;

export const EntrySchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  householdId: Type.String(),
  /** The household head's full name and the address (the cadre's view; the public board shows 杨某). */
  householdName: Type.String(),
  householdAddress: Type.String(),
  board: enumOf(BOARDS),
  status: enumOf(ENTRY_STATUSES),
  /** The status as of now: `objection` while an objection awaits its answer, `expired` once the publication ended. */
  stage: enumOf(ENTRY_STAGES),
  councilId: Type.String(),
  councilName: Type.String(),
  compactTitle: Type.String(),
  articleNumber: Type.String(),
  articleText: Type.String(),
  facts: Type.String(),
  publicText: Type.String(),
  objectionDays: Type.Integer(),
  publishDays: Type.Integer(),
  proposedAt: Type.String(),
  notifiedAt: Nullable(Type.String()),
  noticeMethod: Nullable(enumOf(NOTICE_METHODS)),
  noticeNote: Nullable(Type.String()),
  /** The last day objections are taken (China date); publishing is possible from the day after. */
  objectionUntil: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedUntil: Nullable(Type.String()),
  evidence: Type.Array(EvidenceSchema),
  objections: Type.Array(ObjectionSchema),
});
export type Entry = Static<typeof EntrySchema>;

export const EntryQuerySchema = Type.Object({
  villageCode: VillageCode,
  stage: Type.Optional(enumOf(ENTRY_STAGES)),
  board: Type.Optional(enumOf(BOARDS)),
});
export type EntryQuery = Static<typeof EntryQuerySchema>;

const FileUpload = Type.Object(
  { data: Type.String({ minLength: 16, maxLength: 14_000_000, description: 'data URL 或 base64' }), filename: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const ProposeBodySchema = Type.Object(
  {
    householdId: Type.String({ format: 'uuid' }),
    board: enumOf(BOARDS),
    /** The council proposing (道德评议会 …), of the household's village. */
    councilId: Type.String({ format: 'uuid' }),
    compactTitle: Type.String({ minLength: 2, maxLength: 100, description: '所依据的村规民约名称' }),
    articleNumber: Type.String({ minLength: 1, maxLength: 20, description: '条款号，如“第十二条”' }),
    articleText: Type.String({ minLength: 2, maxLength: 2000, description: '所引条款原文（存为快照）' }),
    facts: Type.String({ minLength: 5, maxLength: 2000, description: '事实经过' }),
    publicText: Type.String({ minLength: 2, maxLength: 200, description: '张榜时公示的一句话（不写证件号、电话、住址）' }),
    objectionDays: Type.Optional(Type.Integer({ minimum: 3, maximum: 30, description: '异议期（工作日），默认 5' })),
    publishDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: '公示天数，默认 30' })),
    /** Evidence files (证据材料): at least one; photos, PDFs, Word documents. */
    evidence: Type.Optional(Type.Array(FileUpload, { maxItems: MAX_EVIDENCE })),
  },
  { additionalProperties: false },
);
export type ProposeBody = Static<typeof ProposeBodySchema>;

export const NotifyBodySchema = Type.Object(
  { method: enumOf(NOTICE_METHODS), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type NotifyBody = Static<typeof NotifyBodySchema>;

export const ObjectionBodySchema = Type.Object(
  {
    raisedBy: Type.String({ minLength: 1, maxLength: 50, description: '提出人（如本户户主）' }),
    content: Type.String({ minLength: 2, maxLength: 2000 }),
    raisedOn: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type ObjectionBody = Static<typeof ObjectionBodySchema>;

export const AnswerBodySchema = Type.Object(
  { answer: Type.String({ minLength: 2, maxLength: 2000 }), upheld: Type.Boolean({ description: '异议是否成立' }) },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBodySchema>;

export const DecideBodySchema = Type.Object(
  { decision: Type.Union([Type.Literal('publish'), Type.Literal('withdraw')]), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type DecideBody = Static<typeof DecideBodySchema>;

export const IneligibleSchema = Type.Object({
  householdId: Type.String(),
  householdName: Type.String(),
  householdAddress: Type.String(),
  villageCode: Type.String(),
  board: enumOf(BOARDS),
  entryId: Type.String(),
  publishedUntil: Type.String(),
});
export type Ineligible = Static<typeof IneligibleSchema>;

export const IneligibleQuerySchema = Type.Object({ villageCode: Type.Optional(VillageCode) });
export type IneligibleQuery = Static<typeof IneligibleQuerySchema>;

/** The village's board as the public sees it: published, unexpired entries; household as 杨某. */
export const PublicBoardSchema = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      board: enumOf(BOARDS),
      household: Type.String(),
      publicText: Type.String(),
      councilName: Type.String(),
      compactTitle: Type.String(),
      articleNumber: Type.String(),
      publishedAt: Type.String(),
      publishedUntil: Type.String(),
    }),
  ),
});
export type PublicBoard = Static<typeof PublicBoardSchema>;

export const VillageParamsSchema = Type.Object({ code: VillageCode });
export const EntryObjectionParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }), objectionId: Type.String({ format: 'uuid' }) });
