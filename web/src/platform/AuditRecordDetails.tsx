import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../src/platform/audit/schema.ts';
import { prettyJson } from '../labels';

const preStyle = { margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 } as const;

/** The expanded row: what changed, extra details, and the hash that chains the record. */
export function AuditRecordDetails({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const blocks = [
    { key: 'before', label: t('audit.detail.before'), value: record.before },
    { key: 'after', label: t('audit.detail.after'), value: record.after },
    { key: 'details', label: t('audit.detail.details'), value: record.details },
  ];
  return (
    <div>
      <Row gutter={16}>
        {blocks.map((b) => (
          <Col key={b.key} xs={24} lg={8}>
            <Typography.Text strong>{b.label}</Typography.Text>
            <Typography.Paragraph>
              <pre style={preStyle}>{prettyJson(b.value)}</pre>
            </Typography.Paragraph>
          </Col>
        ))}
      </Row>
      {record.actorScope && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <Typography.Text strong>
            {t('audit.detail.actorScope')}
            {t('common.colon')}
          </Typography.Text>
          {record.actorScope}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <Typography.Text strong>
          {t('audit.detail.hash')}
          {t('common.colon')}
        </Typography.Text>
        <Typography.Text code copyable>
          {record.hash}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
