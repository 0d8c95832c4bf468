import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.js';
import type { DashboardFigure } from './notice-schema.js';

// The burden dashboard's SQL: each table it counts read once, grouped by China-time month, for an
// area and the months since `fromDate` (five queries for twelve months, not one per month and
// figure). The same rows and bounds as the module's measures (measures.ts); dashboard.test.ts
// checks they agree.

type MonthRows = { month: string; figures: Partial<Record<DashboardFigure, number>> }[];

const month = (col: ReturnType<typeof sql.ref>) => sql<string>`to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/** Every figure of the dashboard per month for the area at `path`, from `from` (an instant, a month's start) on. */
export async function dashboardRows(tx: Tx, path: string, from: Date, fromDate: string): Promise<MonthRows> {
  const out: MonthRows = [];
  const push = <T extends { month: string }>(rows: T[], pick: (r: T) => Partial<Record<DashboardFigure, number>>) => {
    for (const r of rows) out.push({ month: r.month, figures: pick(r) });
  };
  const work = await sql<{ month: string; sent: number; refused: number }>`
    SELECT ${month(sql.ref('w.created_at'))} AS month, count(*)::int AS sent,
      count(*) FILTER (WHERE w.status IN ('refused', 'rejected'))::int AS refused
    FROM work_items w WHERE w.target_path <@ ${path}::ltree AND w.created_at >= ${from} GROUP BY 1`.execute(tx);
  push(work.rows, (r) => ({ workItemsSent: r.sent, workItemsRefused: r.refused }));
  const notices = await sql<{ month: string; documents: number; meetings: number }>`
    SELECT to_char(n.issued_on, 'YYYY-MM') AS month,
      count(*) FILTER (WHERE n.kind = 'document')::int AS documents,
      count(*) FILTER (WHERE n.kind = 'meeting')::int AS meetings
    FROM notices n WHERE n.sender_path <@ ${path}::ltree AND n.issued_on >= ${fromDate}::date GROUP BY 1`.execute(tx);
  push(notices.rows, (r) => ({ documents: r.documents, meetings: r.meetings }));
  const answers = await sql<{ month: string; n: number }>`
    SELECT ${month(sql.ref('c.created_at'))} AS month, count(*)::int AS n
    FROM certificate_answers c WHERE c.path <@ ${path}::ltree AND c.created_at >= ${from} GROUP BY 1`.execute(tx);
  push(answers.rows, (r) => ({ certificatesAvoided: r.n }));
  const cleared = await sql<{ month: string; signboards: number; groups: number }>`
    SELECT to_char(b.removed_on, 'YYYY-MM') AS month,
      count(*) FILTER (WHERE b.kind = 'signboard')::int AS signboards,
      count(*) FILTER (WHERE b.kind IN ('work_group', 'app'))::int AS groups
    FROM burden_register b WHERE b.path <@ ${path}::ltree AND b.status = 'removed' AND b.removed_on >= ${fromDate}::date GROUP BY 1`.execute(tx);
  push(cleared.rows, (r) => ({ signboardsRemoved: r.signboards, groupsAppsRemoved: r.groups }));
  const reports = await sql<{ month: string; system: number; asked: number }>`
    SELECT ${month(sql.ref('r.created_at'))} AS month,
      coalesce(sum(s.n), 0)::int AS system, coalesce(sum(jsonb_array_length(t.fields) - s.n), 0)::int AS asked
    FROM reports r JOIN report_templates t ON t.id = r.template_id
      CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM jsonb_object_keys(coalesce(r.figures -> 'system', '{}'::jsonb))) s
    WHERE r.path <@ ${path}::ltree AND r.created_at >= ${from} GROUP BY 1`.execute(tx);
  push(reports.rows, (r) => ({ reportFieldsSystem: r.system, reportFieldsAsked: r.asked }));
  return out;
}
