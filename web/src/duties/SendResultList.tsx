import { Alert, Button, Card } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SendResult, WorkItem } from '../../../src/modules/duties/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { WorkStatusTag } from './status-tags';

/** After sending: per village the decision (delivered green, refused red, held orange) and the reason in words. */
export function SendResultList({ result, onAgain }: { result: SendResult; onAgain(): void }) {
  const { t } = useTranslation();
  const columns: ColumnsType<WorkItem> = [
    { key: 'village', title: t('duties.send.village'), width: 200, render: (_, r) => r.targetRegionName },
    { key: 'status', title: t('duties.send.decision'), width: 120, render: (_, r) => <WorkStatusTag status={r.status} /> },
    { key: 'reason', title: t('duties.send.reason'), render: (_, r) => r.reason },
  ];
  const type = result.refused > 0 ? 'warning' : result.held > 0 ? 'info' : 'success';
  return (
    <Card
      title={result.items[0]?.title}
      data-testid="send-result"
      extra={
        <Button onClick={onAgain} data-testid="send-again">
          {t('duties.send.again')}
        </Button>
      }
    >
      <Alert
        type={type}
        showIcon
        style={{ marginBottom: 16 }}
        title={t('duties.send.result', { delivered: result.delivered, refused: result.refused, held: result.held })}
      />
      <ResponsiveList<WorkItem>
        columns={columns}
        dataSource={result.items}
        rowKey="id"
        size="small"
        pagination={false}
        onRow={(r) => ({ 'data-testid': 'send-result-row', 'data-status': r.status, 'data-village': r.targetRegionCode })}
      />
    </Card>
  );
}
