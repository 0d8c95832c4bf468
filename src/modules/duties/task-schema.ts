import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateStr = Type.String({ format: 'date' });

/** Attachments on one progress report (they come with the report, so also the most in one upload). */
export const MAX_REPORT_FILES = 5;

/** An attachment on a progress report, as the task list and the report show it. */
export const TaskReportFileSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  /** Where its content is read (GET /api/v1/files/:id/content): images open in the page, the rest download. */
  url: Type.String(),
});
export type TaskReportFile = Static<typeof TaskReportFileSchema>;

export const TaskStatusSchema = Type.Union([Type.Literal('on_track'), Type.Literal('delayed'), Type.Literal('done')]);
export const TASK_STATUS_NAMES = { on_track: '按计划推进', delayed: '滞后', done: '已完成' } as const;

export const TaskSchema = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  seq: Type.Integer(),
  measureNo: Type.String(),
  title: Type.String(),
  leadUnit: Type.String(),
  leadDepartmentId: Nullable(Type.String()),
  leadRegionCode: Nullable(Type.String()),
  coUnits: Type.Array(Type.String()),
  dueOn: Type.String(),
  measureId: Nullable(Type.String()),
  target: Nullable(Type.Number()),
  /** The latest report's status; null before the first report. */
  status: Nullable(TaskStatusSchema),
  lastProgress: Nullable(Type.String()),
  lastReportedAt: Nullable(Type.String()),
  lastFigure: Nullable(Type.Number()),
  /** The latest report's attachments. */
  lastFiles: Type.Array(TaskReportFileSchema),
  /** Past its deadline and not done. */
  overdue: Type.Boolean(),
  /** Due within 5 days and not done: the lead unit is reminded. */
  dueSoon: Type.Boolean(),
  /** May the caller report on it (the lead unit)? */
  canReport: Type.Boolean(),
});
export type Task = Static<typeof TaskSchema>;

export const TaskListSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  issuer: Type.String(),
  regionCode: Type.String(),
  createdAt: Type.String(),
  tasks: Type.Array(TaskSchema),
  counts: Type.Object({ total: Type.Integer(), done: Type.Integer(), overdue: Type.Integer(), delayed: Type.Integer(), unreported: Type.Integer() }),
});
export type TaskList = Static<typeof TaskListSchema>;

export const CreateTaskListBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  issuer: Type.String({ minLength: 1, maxLength: 100 }),
  tasks: Type.Array(
    Type.Object({
      measureNo: Type.String({ minLength: 1, maxLength: 20 }),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      leadDepartmentId: Type.Optional(Type.String({ format: 'uuid' })),
      leadRegionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })),
      coUnits: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
      dueOn: DateStr,
      measureId: Type.Optional(Type.String({ maxLength: 80 })),
      target: Type.Optional(Type.Number()),
    }),
    { minItems: 1, maxItems: 200 },
  ),
});
export type CreateTaskListBody = Static<typeof CreateTaskListBodySchema>;

export const TaskReportBodySchema = Type.Object({
  status: TaskStatusSchema,
  progress: Type.String({ minLength: 1, maxLength: 2000 }),
  /** Attachments (附件), sent with the report: at most MAX_REPORT_FILES, each a photo, PDF, Word or Excel document of at most 10 MB. */
  files: Type.Optional(
    Type.Array(
      Type.Object(
        {
          /** data URL or bare base64 of the file. */
          data: Type.String({ minLength: 16, maxLength: 14_000_000 }),
          filename: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: MAX_REPORT_FILES },
    ),
  ),
});
export type TaskReportBody = Static<typeof TaskReportBodySchema>;

export const TaskReportSchema = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  status: TaskStatusSchema,
  progress: Type.String(),
  figure: Nullable(Type.Number()),
  reporterName: Type.String(),
  createdAt: Type.String(),
  files: Type.Array(TaskReportFileSchema),
});
export type TaskReport = Static<typeof TaskReportSchema>;

export const FormalismReportBodySchema = Type.Object({
  regionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
  content: Type.String({ minLength: 5, maxLength: 2000 }),
  anonymous: Type.Boolean({ default: false }),
});
export type FormalismReportBody = Static<typeof FormalismReportBodySchema>;

export const FormalismReportSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  content: Type.String(),
  anonymous: Type.Boolean(),
  status: Type.Union([Type.Literal('open'), Type.Literal('answered')]),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type FormalismReport = Static<typeof FormalismReportSchema>;

export const AnswerFormalismBodySchema = Type.Object({ answer: Type.String({ minLength: 1, maxLength: 2000 }) });
