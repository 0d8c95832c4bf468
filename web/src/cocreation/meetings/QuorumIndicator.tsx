import { Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Quorum } from '../../../../src/modules/cocreation/meeting-quorum.ts';

/** The quorum as attendance now stands: the rule in words, counted against needed, met or not. */
export function QuorumIndicator({ quorum }: { quorum: Quorum }) {
  const { t } = useTranslation();
  const pct = quorum.invited ? Math.round((quorum.counted / quorum.invited) * 100) : 0;
  const needPct = quorum.invited ? Math.round((quorum.required / quorum.invited) * 100) : 100;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid="meeting-quorum" data-met={quorum.met ? 'yes' : 'no'}>
      <Space wrap size={6}>
        <Typography.Text strong>{t('cocreationMeetings.detail.quorum')}</Typography.Text>
        <Tag color={quorum.met ? 'green' : 'orange'}>{quorum.met ? t('cocreationMeetings.detail.quorumMet') : t('cocreationMeetings.detail.quorumNotMet')}</Tag>
        <Typography.Text>
          {t('cocreationMeetings.detail.quorumLine', { invited: quorum.invited, counted: quorum.counted, required: quorum.required })}
        </Typography.Text>
      </Space>
      <Progress percent={pct} success={{ percent: Math.min(pct, needPct) }} status={quorum.met ? 'success' : 'normal'} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {quorum.description}
      </Typography.Text>
    </Space>
  );
}
