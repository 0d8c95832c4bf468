import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../src/modules/duties/schema.ts';

/** A work item's title, kind and content; a data request's fields and period under it. */
export function WorkItemSummary({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ width: '100%' }}>
      <span style={{ fontWeight: 600 }}>
        <Tag>{t(`duties.kind.${item.kind}`)}</Tag>
        {item.title}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
        {item.content}
      </Typography.Text>
      {item.dueOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('duties.work.dueOn')}
          {t('common.colon')}
          {item.dueOn}
        </Typography.Text>
      )}
      {item.fields && item.fields.length > 0 && (
        <Typography.Text style={{ fontSize: 12 }} data-testid="work-item-fields">
          {t('duties.work.dataRequest')}
          {t('common.colon')}
          {item.fields.map((f) => (f.unit ? `${f.label}（${f.unit}）` : f.label)).join('、')}
          {item.periodFrom && item.periodTo && ` · ${t('duties.work.period', { from: item.periodFrom, to: item.periodTo })}`}
        </Typography.Text>
      )}
    </Flex>
  );
}
