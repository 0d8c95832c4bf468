import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserWithCode } from '../../../src/platform/accounts/schema.ts';
import { formatDateTime } from '../labels';

interface IssuedCodeModalProps {
  /** The answer that carries a code half; the modal is open while this is set. */
  issued: UserWithCode | null;
  onClose(): void;
}

/**
 * Shows one half of an activation code, once. The admin hands it to the user in person or by
 * phone; the other half comes from the other admin, so neither alone can sign in as the user.
 */
export function IssuedCodeModal({ issued, onClose }: IssuedCodeModalProps) {
  const { t } = useTranslation();
  const code = issued?.issuedCode;
  const kind = issued?.credential?.kind ?? 'activate';
  return (
    <Modal
      open={issued !== null}
      title={t(code?.part === 'A' ? `users.code.titleA.${kind}` : 'users.code.titleB', { name: issued?.displayName ?? '' })}
      okText={t('users.code.noted')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      {code && issued && (
        <div data-testid="issued-code">
          <Typography.Paragraph>{t(code.part === 'A' ? 'users.code.introA' : 'users.code.introB', { username: issued.username })}</Typography.Paragraph>
          <Typography.Title
            level={2}
            copyable={{ text: code.code }}
            style={{ fontFamily: 'monospace', textAlign: 'center', letterSpacing: 4 }}
            data-testid="issued-code-value"
          >
            {code.code}
          </Typography.Title>
          <Alert type="warning" showIcon title={t('users.code.once', { time: formatDateTime(code.expiresAt) })} />
        </div>
      )}
    </Modal>
  );
}
