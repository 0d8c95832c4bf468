import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { requireUser } from '../http/auth.js';
import { errors } from '../http/schemas.js';
import { CalendarDayParamsSchema, CalendarDaySchema, CalendarYearParamsSchema, CalendarYearSchema, SetCalendarDayBodySchema } from './schema.js';
import { clearCalendarDay, getCalendarYear, setCalendarDay } from './service.js';

/** The working-day calendar (工作日历): read by everyone signed in, edited by 'calendar.edit'. */
export const calendarRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['calendar'];
  app.get(
    '/api/v1/calendar/:year',
    {
      schema: {
        tags,
        summary: '某年的节假日与调休上班日（其余日期周一至周五上班）',
        params: CalendarYearParamsSchema,
        response: { 200: CalendarYearSchema, ...errors(400, 401) },
      },
    },
    async (req) => {
      requireUser(req);
      return getCalendarYear(deps, req.params.year);
    },
  );
  app.put(
    '/api/v1/calendar/days/:day',
    {
      schema: {
        tags,
        summary: '设置某日为放假或调休上班',
        params: CalendarDayParamsSchema,
        body: SetCalendarDayBodySchema,
        response: { 200: CalendarDaySchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => setCalendarDay(deps, requireUser(req), { day: req.params.day, ...req.body }),
  );
  app.delete(
    '/api/v1/calendar/days/:day',
    {
      schema: {
        tags,
        summary: '清除某日的设置，恢复周一至周五上班的常规',
        params: CalendarDayParamsSchema,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await clearCalendarDay(deps, requireUser(req), req.params.day);
      return reply.code(204).send(null);
    },
  );
};
