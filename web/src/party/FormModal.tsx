import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormModalProps {
  open: boolean;
  title: ReactNode;
  /** Prefix of the test ids: `${testId}` on the dialog, `${testId}-submit` on OK, `${testId}-error` on the alert. */
  testId: string;
  saving: boolean;
  error: string | null;
  danger?: boolean;
  /** Shown above the form (what the action does). */
  intro?: ReactNode;
  onOk(): void;
  onCancel(): void;
  children: ReactNode;
}

/** The dialog around one party form: OK and Cancel, the server's message, the form destroyed on close. */
export function FormModal({ open, title, testId, saving, error, danger, intro, onOk, onCancel, children }: FormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, 'data-testid': `${testId}-submit` }}
      confirmLoading={saving}
      onOk={onOk}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div data-testid={testId}>
        {intro}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${testId}-error`} />}
        {children}
      </div>
    </Modal>
  );
}
