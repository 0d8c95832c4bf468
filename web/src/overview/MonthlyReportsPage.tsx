import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Form, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import { RegionPicker } from '../people/RegionPicker';
import { getStoredReports, monthlyReportUrl, type StoredReport } from './overview-api';

/**
 * 月度报告 (/overview/reports): the monthly social-governance report for the county or a township,
 * generated now as PDF or Excel, and the list of the reports the server stored on the first
 * working day of each month (docs/OVERVIEW.md "The monthly report").
 */
export default function MonthlyReportsPage() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string | undefined>();
  // Last month by default: the month a report is usually wanted for.
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month').startOf('month'));
  const [items, setItems] = useState<StoredReport[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (after?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await getStoredReports(after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const ym = month.format('YYYY-MM');
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
  const figure = (r: StoredReport, id: string) => r.figures[id]?.value ?? null;
  const columns: ColumnsType<StoredReport> = [
    { key: 'month', title: t('overview.reports.columns.month'), dataIndex: 'month', width: 100 },
    { key: 'region', title: t('overview.reports.columns.region'), dataIndex: 'regionName' },
    { key: 'received', title: t('overview.reports.columns.received'), align: 'right', width: 110, render: (_, r) => figure(r, 'requests.received') ?? '—' },
    {
      key: 'satisfaction',
      title: t('overview.reports.columns.satisfaction'),
      align: 'right',
      width: 110,
      render: (_, r) => percent(figure(r, 'requests.satisfaction_rate')),
    },
    { key: 'disputes', title: t('overview.reports.columns.disputes'), align: 'right', width: 110, render: (_, r) => figure(r, 'disputes.received') ?? '—' },
    { key: 'createdAt', title: t('overview.reports.columns.createdAt'), width: 170, render: (_, r) => r.createdAt.slice(0, 16).replace('T', ' ') },
    {
      key: 'files',
      title: t('overview.reports.columns.files'),
      width: 220,
      render: (_, r) => (
        <Space>
          {r.pdfUrl && (
            <Button size="small" icon={<FilePdfOutlined />} href={r.pdfUrl} data-testid={`report-pdf-${r.regionCode}-${r.month}`}>
              PDF
            </Button>
          )}
          {r.xlsxUrl && (
            <Button size="small" icon={<DownloadOutlined />} href={r.xlsxUrl} data-testid={`report-xlsx-${r.regionCode}-${r.month}`}>
              Excel
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('overview.reports.generate')}>
        <Typography.Paragraph type="secondary">{t('overview.reports.generateHint')}</Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label={t('overview.reports.region')} tooltip={t('overview.reports.regionHint')}>
            <RegionPicker value={region} onChange={setRegion} allowClear style={{ width: 220 }} data-testid="report-region" />
          </Form.Item>
          <Form.Item label={t('overview.reports.month')}>
            <DatePicker
              picker="month"
              value={month}
              allowClear={false}
              onChange={(v) => v && setMonth(v.startOf('month'))}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              data-testid="report-month"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" icon={<FilePdfOutlined />} href={monthlyReportUrl({ region, month: ym, format: 'pdf' })} data-testid="report-pdf">
                {t('overview.reports.pdf')}
              </Button>
              <Button icon={<DownloadOutlined />} href={monthlyReportUrl({ region, month: ym, format: 'xlsx' })} data-testid="report-xlsx">
                {t('overview.reports.xlsx')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('overview.reports.stored')}>
        <Typography.Paragraph type="secondary">{t('overview.reports.storedHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<StoredReport>
          data-testid="stored-reports"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={false}
          locale={{ emptyText: t('overview.reports.empty') }}
          scroll={{ x: 'max-content' }}
        />
        {next && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void load(next)} loading={loading}>
              {t('overview.reports.more')}
            </Button>
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
