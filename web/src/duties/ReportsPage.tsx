import { Alert, App, Button, Card, Spin } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Report, ReportList, ReportTemplate } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { getReport, listReports, listReportTemplates } from './duties-api';
import { DutiesTabs } from './DutiesTabs';
import { GenerateReportCard } from './GenerateReportCard';
import { ReportView } from './ReportView';
import { TemplateModal } from './TemplateModal';
import { TemplatesCard } from './TemplatesCard';

type ReportRow = ReportList[number];

/** 在系统取数据: templates and their fields' sources, generating a report, and a report with where each figure came from. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const reportId = params.get('report');
  const [templates, setTemplates] = useState<ReportTemplate[] | null>(null);
  const [reports, setReports] = useState<ReportList>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadReports = useCallback(() => {
    listReports().then(setReports, (err: unknown) => setError(errorMessage(err)));
  }, []);
  const loadTemplates = useCallback(() => {
    listReportTemplates().then(setTemplates, (err: unknown) => {
      setError(errorMessage(err));
      setTemplates([]);
    });
  }, []);
  useEffect(() => {
    loadTemplates();
    loadReports();
  }, [loadTemplates, loadReports]);
  useEffect(() => {
    if (!reportId) return setReport(null);
    if (report?.id === reportId) return;
    getReport(reportId).then(setReport, (err: unknown) => setError(errorMessage(err)));
  }, [reportId, report?.id]);

  const columns: ColumnsType<ReportRow> = [
    { key: 'name', title: t('duties.reports.template'), render: (_, r) => r.templateName },
    { key: 'region', title: t('duties.reports.region'), render: (_, r) => r.regionName },
    { key: 'period', title: t('duties.reports.period'), render: (_, r) => `${r.from} ~ ${r.to}` },
    { key: 'at', title: t('duties.reports.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
    {
      key: 'open',
      title: '',
      width: 80,
      render: (_, r) => (
        <Button size="small" onClick={() => setParams({ report: r.id })} data-testid="report-open">
          {t('duties.reports.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="reports-page">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {templates === null ? (
          <Spin />
        ) : (
          <>
            <GenerateReportCard
              templates={templates}
              onDone={(r) => {
                setReport(r);
                setParams({ report: r.id });
                void message.success(t('duties.reports.generated'));
                loadReports();
              }}
            />
            {report && (
              <div style={{ marginBottom: 16 }}>
                <ReportView report={report} />
              </div>
            )}
            <TemplatesCard
              templates={templates}
              extra={
                hasAnyPermission(me, ['duties.manage']) && (
                  <Button size="small" type="primary" onClick={() => setAdding(true)} data-testid="template-add-open">
                    {t('dutiesBurden.templates.add')}
                  </Button>
                )
              }
            />
          </>
        )}
        <Card title={t('duties.reports.history')}>
          <ResponsiveList<ReportRow>
            columns={columns}
            dataSource={reports}
            rowKey="id"
            size="small"
            pagination={reports.length > 20 ? { pageSize: 20 } : false}
          />
        </Card>
      </div>
      {adding && (
        <TemplateModal
          onDone={() => {
            void message.success(t('dutiesBurden.templates.saved'));
            loadTemplates();
          }}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
