import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Form, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ImportJob } from '../../../src/modules/people/import-schema.ts';
import { errorMessage } from '../api';
import { getImport, importContentType, startImport, templateUrl } from './people-api';
import { ImportProgress } from './ImportProgress';
import { PeopleSection } from './PeopleSection';
import { RegionPicker, useOwnVillage } from './RegionPicker';

const POLL_MS = 1000;

/**
 * 批量导入: a village's registry from the template spreadsheet. The server works through the file
 * in the background; this page polls the job. Its id sits in the address bar, so a reload
 * picks the job up again.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const ownVillage = useOwnVillage();
  const [chosenVillage, setVillageCode] = useState<string | undefined>();
  const villageCode = chosenVillage ?? ownVillage;
  const [file, setFile] = useState<File | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);

  // Poll while the job is waiting or running; stop when it is done, failed, or the page is left.
  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await getImport(jobId);
        if (cancelled) return;
        setJob(next);
        setError(null);
        if (next.status === 'done' || next.status === 'failed') return;
      } catch (err) {
        if (cancelled) return;
        setError(errorMessage(err)); // Keep trying: a dropped connection should not lose the job.
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const start = async () => {
    if (!villageCode || !file) return;
    setStarting(true);
    setError(null);
    try {
      const created = await startImport(villageCode, file);
      setJob(created);
      setParams({ job: created.id }, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setStarting(false);
    }
  };

  const reset = () => {
    setJob(null);
    setFile(null);
    setError(null);
    setParams({}, { replace: true });
  };

  const shownJob = job && job.id === jobId ? job : null;

  return (
    <PeopleSection>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {jobId ? (
        <>
          {shownJob && <ImportProgress job={shownJob} />}
          {(!shownJob || shownJob.status === 'done' || shownJob.status === 'failed') && (
            <Button style={{ marginTop: 24 }} onClick={reset}>
              {t('people.import.again')}
            </Button>
          )}
        </>
      ) : (
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Typography.Paragraph type="secondary">{t('people.import.intro')}</Typography.Paragraph>
          <Form.Item label={t('people.import.step1')}>
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={templateUrl('xlsx')} download data-testid="import-template-xlsx">
                {t('people.import.templateXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} href={templateUrl('csv')} download data-testid="import-template-csv">
                {t('people.import.templateCsv')}
              </Button>
            </Space>
          </Form.Item>
          <Form.Item label={t('people.import.step2')} required>
            <RegionPicker villagesOnly value={villageCode} onChange={setVillageCode} style={{ width: '100%' }} data-testid="import-village" />
          </Form.Item>
          <Form.Item label={t('people.import.step3')} required extra={t('people.import.fileHelp')}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [{ uid: 'import', name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (!importContentType(f.name)) {
                  void message.error(t('people.import.wrongType'));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                return false; // We send the raw file ourselves, not as multipart.
              }}
              onRemove={() => setFile(null)}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('people.import.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Divider />
          <Button
            type="primary"
            icon={<UploadOutlined />}
            disabled={!villageCode || !file}
            loading={starting}
            onClick={() => void start()}
            data-testid="import-start"
          >
            {t('people.import.start')}
          </Button>
        </Form>
      )}
    </PeopleSection>
  );
}
