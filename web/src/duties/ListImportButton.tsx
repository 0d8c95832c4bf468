import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Modal, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api';
import { importDutyItems, type DutyImportProblem, type DutyImportResult } from './duties-api';

type Outcome = { done: DutyImportResult } | { problems: DutyImportProblem[]; total: number };

/** The row problems of an import refused whole, when that is what the error is (the server names the field `rows`). */
function rowProblems(err: unknown): { problems: DutyImportProblem[]; total: number } | null {
  if (!(err instanceof ApiError) || err.details.field !== 'rows' || !Array.isArray(err.details.fields)) return null;
  const problems = err.details.fields as DutyImportProblem[];
  return { problems, total: typeof err.details.total === 'number' ? err.details.total : problems.length };
}

/**
 * 导入 Excel: sends an edited export of the lists as it is; shows what was added or proposed, or
 * every bad row in words when the file was refused (nothing is written then).
 */
export function ListImportButton({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const done = await importDutyItems(file);
      setOutcome({ done });
      if (done.added || done.proposed) onDone();
    } catch (err) {
      const refused = rowProblems(err);
      if (refused) setOutcome(refused);
      else void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          if (!file.name.toLowerCase().endsWith('.xlsx')) {
            void message.error(t('duties.lists.importWrongType'));
            return Upload.LIST_IGNORE;
          }
          void upload(file);
          return false; // We send the raw file ourselves, not as multipart.
        }}
      >
        <Tooltip title={t('duties.lists.importHelp')}>
          <Button icon={<UploadOutlined />} loading={busy} data-testid="duty-items-import">
            {t('duties.lists.importXlsx')}
          </Button>
        </Tooltip>
      </Upload>
      {outcome && (
        <Modal
          open
          title={'done' in outcome ? t('duties.lists.importDoneTitle') : t('duties.lists.importFailedTitle', { count: outcome.total })}
          onCancel={() => setOutcome(null)}
          onOk={() => setOutcome(null)}
          cancelButtonProps={{ style: { display: 'none' } }}
          data-testid="duty-import-result"
        >
          {'done' in outcome ? (
            <Typography.Paragraph>
              {[
                outcome.done.added > 0 && t('duties.lists.importAdded', { count: outcome.done.added }),
                outcome.done.proposed > 0 && t('duties.lists.importProposed', { count: outcome.done.proposed }),
                outcome.done.added + outcome.done.proposed === 0 && t('duties.lists.importNothing'),
                outcome.done.unchanged > 0 && t('duties.lists.importUnchanged', { count: outcome.done.unchanged }),
              ]
                .filter(Boolean)
                .map((line) => (
                  <span key={String(line)} style={{ display: 'block' }}>
                    {line}
                  </span>
                ))}
            </Typography.Paragraph>
          ) : (
            <>
              <Alert type="error" showIcon title={t('duties.lists.importFailedHint')} style={{ marginBottom: 12 }} />
              <List
                size="small"
                style={{ maxHeight: 360, overflowY: 'auto' }}
                dataSource={outcome.problems}
                renderItem={(p) => <List.Item data-testid="duty-import-problem">{p.message}</List.Item>}
              />
              {outcome.total > outcome.problems.length && (
                <Typography.Text type="secondary">{t('duties.lists.importMore', { count: outcome.total - outcome.problems.length })}</Typography.Text>
              )}
            </>
          )}
        </Modal>
      )}
    </>
  );
}
