import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../src/modules/people/import-schema.ts';

const PROGRESS_STATUS = { queued: 'active', running: 'active', done: 'success', failed: 'exception' } as const;

/** Where an import stands: a bar while it runs, then what was imported, skipped and refused. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const finished = job.status === 'done' || job.status === 'failed';
  const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : job.status === 'done' ? 100 : 0;

  return (
    <div>
      <Typography.Paragraph>
        {t('people.import.file', { filename: job.filename })}
        {' · '}
        <Typography.Text strong data-testid="import-status">
          {t(`people.import.status.${job.status}`, { processed: job.processedRows, total: job.totalRows })}
        </Typography.Text>
      </Typography.Paragraph>
      <Progress data-testid="import-progress" percent={percent} status={PROGRESS_STATUS[job.status]} />
      {job.message && (
        <Alert type={job.status === 'failed' ? 'error' : 'info'} showIcon title={job.message} style={{ margin: '16px 0' }} data-testid="import-message" />
      )}
      {finished && (
        <Row gutter={16} style={{ marginTop: 16 }} data-testid="import-result">
          <Col xs={24} sm={8}>
            <Statistic title={t('people.import.imported')} value={job.importedRows} suffix={t('people.import.rows')} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic title={t('people.import.skipped')} value={job.skippedRows} suffix={t('people.import.rows')} />
          </Col>
          <Col xs={24} sm={8}>
            <Statistic
              title={t('people.import.errors')}
              value={job.errorRows}
              suffix={t('people.import.rows')}
              styles={job.errorRows > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Col>
        </Row>
      )}
      {job.errorReportUrl && (
        <Button icon={<DownloadOutlined />} href={job.errorReportUrl} download style={{ marginTop: 16 }} data-testid="import-error-report">
          {t('people.import.errorReport')}
        </Button>
      )}
    </div>
  );
}
