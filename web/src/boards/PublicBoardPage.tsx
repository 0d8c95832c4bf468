import { Alert, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PublicBoard } from '../../../src/modules/boards/board-schema.ts';
import type { Board } from '../../../src/modules/boards/kinds.ts';
import { errorMessage } from '../api';
import { getPublicBoard } from './boards-api';

const COLORS: Record<Board, string> = { red: '#c8102e', black: '#262626', yellow: '#d48806' };

/**
 * A village's public board (/v/<village code>/boards): the 红榜, 黑榜 and 黄榜 entries up now, as the
 * notice board shows them — the household as 杨某户, no numbers or address. No login. An entry
 * leaves this page when its time on the board ends.
 */
export default function PublicBoardPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [data, setData] = useState<PublicBoard>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getPublicBoard(villageCode).then(setData, (err: unknown) => setError(errorMessage(err)));
  }, [villageCode]);
  if (error) return <Alert type="error" showIcon title={error} data-testid="public-board-error" />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="public-board">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('boards.public.title', { village: data.villageName })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('boards.public.intro')}</Typography.Text>
      {data.entries.length === 0 && <Empty description={t('boards.public.empty')} data-testid="public-board-empty" />}
      {data.entries.map((e) => (
        <Card key={e.id} size="small" style={{ borderLeft: `4px solid ${COLORS[e.board]}` }} data-testid="public-board-entry" data-id={e.id}>
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Tag color={e.board === 'red' ? 'red' : e.board === 'yellow' ? 'gold' : 'default'}>{t(`boards.board.${e.board}`)}</Tag>
              <Typography.Text strong data-testid="public-board-household">
                {e.household}
              </Typography.Text>
            </Flex>
            <Typography.Text>{e.publicText}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('boards.public.basis', { title: e.compactTitle, number: e.articleNumber, council: e.councilName })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('boards.public.until', { date: dayjs(e.publishedUntil).format('YYYY-MM-DD') })}
            </Typography.Text>
          </Flex>
        </Card>
      ))}
      <Link to={`/v/${villageCode}/roster`}>{t('boards.public.roster')}</Link>
    </Flex>
  );
}
