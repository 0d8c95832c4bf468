import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.js';

// The monthly social-governance report (月度社会治理报告): the query that generates one now and the
// list of the stored ones. docs/OVERVIEW.md "The monthly report".

export const MonthlyReportQuerySchema = Type.Object({
  /** The county or a township (12-digit code); the caller's own region when absent. */
  region: Type.Optional(Type.String({ maxLength: 15 })),
  /** YYYY-MM; checked by the service, which names the field in Chinese. */
  month: Type.String({ maxLength: 20 }),
  format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')], { default: 'pdf' }),
});
export type MonthlyReportQuery = Static<typeof MonthlyReportQuerySchema>;

export const StoredReportQuerySchema = Type.Object({
  /** Keyset cursor: the last item's `month|regionCode` from the previous page. */
  after: Type.Optional(Type.String({ maxLength: 40 })),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type StoredReportQuery = Static<typeof StoredReportQuerySchema>;

const Headline = Type.Object({ value: Nullable(Type.Number()), previous: Nullable(Type.Number()) });

export const StoredReportSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  regionLevel: Type.String(),
  month: Type.String(),
  createdAt: Type.String(),
  /** The headline figures by measure id (received, the three rates, disputes received), with last month's. */
  figures: Type.Record(Type.String(), Headline),
  /** Download links (the file store's content route). */
  pdfUrl: Nullable(Type.String()),
  xlsxUrl: Nullable(Type.String()),
});
export type StoredReport = Static<typeof StoredReportSchema>;

export const StoredReportPageSchema = Type.Object({ items: Type.Array(StoredReportSchema), next: Nullable(Type.String()) });
export type StoredReportPage = Static<typeof StoredReportPageSchema>;
