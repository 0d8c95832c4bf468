import { Card, Collapse, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ReportField, ReportTemplate } from '../../../src/modules/duties/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { useMeasureNames } from './use-measure-names';

/** The report templates upper levels use, each field with its source: a measure, or "not in the system: asked of villages". */
export function TemplatesCard({ templates, extra }: { templates: ReportTemplate[]; extra?: ReactNode }) {
  const { t } = useTranslation();
  const measureName = useMeasureNames();
  const columns: ColumnsType<ReportField> = [
    { key: 'label', title: t('duties.reports.field'), render: (_, f) => (f.unit ? `${f.label}（${f.unit}）` : f.label) },
    {
      key: 'source',
      title: t('duties.reports.source'),
      render: (_, f) =>
        f.measureId ? (
          <Tag color="green">{t('duties.reports.fromSystem', { name: measureName(f.measureId) })}</Tag>
        ) : (
          <Tag color="orange">{t('duties.reports.outside')}</Tag>
        ),
    },
  ];
  return (
    <Card title={t('duties.reports.templates')} extra={extra} style={{ marginBottom: 16 }} data-testid="report-templates">
      <Collapse
        items={templates.map((tpl) => {
          const system = tpl.fields.filter((f) => f.measureId).length;
          return {
            key: tpl.id,
            label: (
              <span>
                {tpl.name}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {t('duties.reports.requester')}
                  {t('common.colon')}
                  {tpl.requester} · {t('duties.reports.counts', { system, villages: tpl.fields.length - system })}
                </Typography.Text>
              </span>
            ),
            children: <ResponsiveList<ReportField> columns={columns} dataSource={tpl.fields} rowKey="key" size="small" pagination={false} />,
          };
        })}
      />
    </Card>
  );
}
