import { Alert, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PublicRoster } from '../../../src/modules/councils/council-schema.ts';
import { errorMessage } from '../api';
import { getPublicRoster } from './councils-api';

/**
 * A village's public roster (/v/<village code>/roster; the QR code on a work card leads here): its
 * councils and teams and who is on them, names as a notice board shows them (杨某). No login.
 */
export default function PublicRosterPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [data, setData] = useState<PublicRoster>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getPublicRoster(villageCode).then(setData, (err: unknown) => setError(errorMessage(err)));
  }, [villageCode]);
  if (error) return <Alert type="error" showIcon title={error} data-testid="public-roster-error" />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="public-roster">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('councils.roster.title', { village: data.villageName })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('councils.roster.intro')}</Typography.Text>
      {data.bodies.length === 0 && <Empty description={t('councils.roster.empty')} />}
      {data.bodies.map((b) => (
        <Card key={b.id} size="small" title={b.name} data-testid="public-roster-body">
          {b.duties && <Typography.Paragraph type="secondary">{b.duties}</Typography.Paragraph>}
          <Flex gap={8} wrap>
            {b.members.map((m, i) => (
              <Tag key={i} color={m.role === 'leader' ? 'red' : undefined} data-testid="public-roster-member">
                {m.name} · {t(`councils.role.${m.role}`)}
                {m.committeePost ? `（${m.committeePost}）` : ''}
              </Tag>
            ))}
          </Flex>
        </Card>
      ))}
      <Link to={`/v/${villageCode}/boards`}>{t('councils.roster.boards')}</Link>
    </Flex>
  );
}
