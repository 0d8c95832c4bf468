import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../src/modules/duties/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { reportXlsxUrl } from './duties-api';
import { useMeasureNames } from './use-measure-names';

type FieldValue = Report['fields'][number];

/** Where a field's figure came from: the measure and its formula, or the villages' answers (n of m, reused). */
function SourceCell({ field, measureName }: { field: FieldValue; measureName(id: string): string }) {
  const { t } = useTranslation();
  if (field.source === 'system') {
    return (
      <>
        <Tag color="green">{t('duties.reports.system')}</Tag>
        <span data-testid="report-field-measure">{field.measureId ? measureName(field.measureId) : ''}</span>
        {field.formula && (
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
            {t('duties.reports.formula')}
            {t('common.colon')}
            {field.formula}
            {field.numerator !== null && field.denominator !== null && ` (${field.numerator}/${field.denominator})`}
          </Typography.Paragraph>
        )}
      </>
    );
  }
  return (
    <>
      <Tag color="orange">{t('duties.reports.villages')}</Tag>
      <span>{t('duties.reports.answered', { answered: field.villagesAnswered ?? 0, asked: field.villagesAsked ?? 0 })}</span>
      {(field.villagesReused ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
          {t('duties.reports.reused', { count: field.villagesReused })}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** A generated report: per field the value and its source, the counts, and the .xlsx. */
export function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const measureName = useMeasureNames();
  const columns: ColumnsType<FieldValue> = [
    { key: 'label', title: t('duties.reports.field'), render: (_, f) => f.label },
    {
      key: 'value',
      title: t('duties.reports.value'),
      width: 140,
      align: 'right',
      render: (_, f) =>
        f.value === null ? <Typography.Text type="secondary">{t('duties.reports.pending')}</Typography.Text> : `${f.value}${f.unit ? ` ${f.unit}` : ''}`,
    },
    { key: 'source', title: t('duties.reports.source'), render: (_, f) => <SourceCell field={f} measureName={measureName} /> },
  ];
  return (
    <Card
      title={report.templateName}
      data-testid="report-view"
      extra={
        <Button icon={<DownloadOutlined />} href={reportXlsxUrl(report.id)} data-testid="report-xlsx">
          {t('duties.common.download')}
        </Button>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'region', label: t('duties.reports.region'), children: report.regionName },
          { key: 'period', label: t('duties.reports.period'), children: `${report.from} ~ ${report.to}` },
          { key: 'requester', label: t('duties.reports.requester'), children: report.requester },
          { key: 'at', label: t('duties.reports.createdAt'), children: formatDateTime(report.createdAt) },
        ]}
      />
      <Alert
        type="success"
        showIcon
        style={{ margin: '12px 0' }}
        data-testid="report-counts"
        title={t('duties.reports.counts', { system: report.filledBySystem, villages: report.askedOfVillages })}
        description={report.requestsSent > 0 ? t('duties.reports.requestsSent', { count: report.requestsSent }) : t('duties.reports.noRequests')}
      />
      <ResponsiveList<FieldValue>
        columns={columns}
        dataSource={report.fields}
        rowKey="key"
        size="small"
        pagination={false}
        onRow={(f) => ({ 'data-testid': 'report-field', 'data-key': f.key, 'data-source': f.source })}
      />
    </Card>
  );
}
