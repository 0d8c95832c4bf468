import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Disclosure } from '../../../../src/modules/cocreation/disclosure-schema.ts';

/** 决策公开: each held meeting's resolutions, with its kind, date and attendance. */
export function DisclosureDecisions({ decisions }: { decisions: Disclosure['decisions'] }) {
  const { t } = useTranslation();
  if (!decisions.length) return <Empty description={t('cocreationProjects.disclosure.empty.decisions')} />;
  return (
    <Flex vertical gap={12} data-testid="disclosure-decisions">
      {decisions.map((d, i) => (
        <Card key={i} size="small" data-testid="disclosure-decision">
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {d.meetingTitle}
            </Typography.Text>
            <Typography.Text type="secondary">{d.heldOn}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap style={{ margin: '4px 0 8px' }}>
            <Tag color="red">{t(`cocreationProjects.disclosure.meetingKind.${d.meetingKind}`)}</Tag>
            {d.invited > 0 && (
              <Typography.Text type="secondary">{t('cocreationProjects.disclosure.attendance', { attended: d.attended, invited: d.invited })}</Typography.Text>
            )}
          </Flex>
          <Flex vertical gap={4}>
            {d.resolutions.map((r) => (
              <Typography.Paragraph key={r.seq} style={{ margin: 0 }}>
                <Typography.Text type="secondary">{t('cocreationProjects.disclosure.resolution', { seq: r.seq })}：</Typography.Text>
                {r.text}
              </Typography.Paragraph>
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
