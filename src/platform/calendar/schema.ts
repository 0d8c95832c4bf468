import { Type, type Static } from 'typebox';
import { DAY_KINDS, type DayKind } from './working-days.js';

export { DAY_KINDS, type DayKind };

const DayKindSchema = Type.Unsafe<DayKind>({ type: 'string', enum: [...DAY_KINDS] });
/** A China date, 'YYYY-MM-DD'. */
const DaySchema = Type.String({ format: 'date' });

/** One exception to the Monday–Friday rule: a public holiday or a 调休 working weekend. */
export const CalendarDaySchema = Type.Object({
  day: Type.String(),
  kind: DayKindSchema,
  /** '春节', '国庆节调休上班' … */
  name: Type.String(),
});
export type CalendarDay = Static<typeof CalendarDaySchema>;

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  /** Whether the year's official notice is entered; when not, time limits count plain Monday–Friday. */
  seeded: Type.Boolean(),
  /** The year's exceptions in date order; every other day follows Monday–Friday working. */
  days: Type.Array(CalendarDaySchema),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;

export const CalendarYearParamsSchema = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2099 }) });
export type CalendarYearParams = Static<typeof CalendarYearParamsSchema>;

export const CalendarDayParamsSchema = Type.Object({ day: DaySchema });
export type CalendarDayParams = Static<typeof CalendarDayParamsSchema>;

export const SetCalendarDayBodySchema = Type.Object(
  {
    kind: DayKindSchema,
    name: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
);
export type SetCalendarDayBody = Static<typeof SetCalendarDayBodySchema>;

/** The service's input: the day from the path with the body. */
export type SetCalendarDayParams = SetCalendarDayBody & { day: string };
