import { Card, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Article, PublicCompact } from '../../../src/modules/compacts/compact-schema.ts';
import { Refusal } from './common';
import { boardCompacts } from './compacts-api';

/** The village's public notice board (/v/<village code>/compact, no login): the compacts in force, by topic. */
export default function CompactBoardPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [list, setList] = useState<PublicCompact[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    boardCompacts(villageCode).then(setList, setError);
  }, [villageCode]);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 760, minWidth: 0 }} data-testid="compact-board">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('compacts.board.title')}
      </Typography.Title>
      <Refusal error={error} testId="compact-board-error" />
      {list && list.length === 0 && <Typography.Text type="secondary">{t('compacts.board.none')}</Typography.Text>}
      {(list ?? []).map((c) => {
        const topics = new Map<string, Article[]>();
        for (const a of c.articles) topics.set(a.topic, [...(topics.get(a.topic) ?? []), a]);
        return (
          <Card
            key={c.id}
            size="small"
            data-testid="board-compact"
            title={<span style={{ whiteSpace: 'normal' }}>{c.title}</span>}
            extra={c.filed && <Tag color="green">{t('compacts.board.filed')}</Tag>}
          >
            <Typography.Paragraph type="secondary">
              {c.regionName} · {t('compacts.board.meta', { seq: c.versionSeq, date: c.publishedOn })}
            </Typography.Paragraph>
            {[...topics].map(([topic, articles]) => (
              <div key={topic} style={{ marginBottom: 12 }}>
                <Typography.Title level={5}>{topic}</Typography.Title>
                {articles.map((a) => (
                  <Typography.Paragraph key={a.key} style={{ overflowWrap: 'anywhere' }} data-testid="board-article">
                    <strong>{t('compacts.common.article', { n: a.number })}</strong> {a.text}
                  </Typography.Paragraph>
                ))}
              </div>
            ))}
          </Card>
        );
      })}
    </Space>
  );
}
