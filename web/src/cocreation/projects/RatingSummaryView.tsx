import { Flex, Progress, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RatingSummary } from '../../../../src/modules/cocreation/rating-schema.ts';

/** A project's rating: the average as stars, how many households rated, and a bar per score. */
export function RatingSummaryView({ summary, bars = true }: { summary: RatingSummary; bars?: boolean }) {
  const { t } = useTranslation();
  if (summary.count === 0 || summary.average === null) {
    return (
      <Typography.Text type="secondary" data-testid="rating-none">
        {t('cocreationProjects.disclosure.rating.none')}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={4} data-testid="rating-summary">
      <Flex gap={8} align="center" wrap>
        <Rate disabled allowHalf value={Math.round(summary.average * 2) / 2} style={{ fontSize: 16 }} />
        <Typography.Text strong data-testid="rating-average">
          {t('cocreationProjects.disclosure.rating.average', { avg: summary.average.toFixed(1) })}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="rating-count">
          {t('cocreationProjects.disclosure.rating.count', { n: summary.count })}
        </Typography.Text>
      </Flex>
      {bars &&
        [5, 4, 3, 2, 1].map((score) => (
          <Flex key={score} gap={8} align="center">
            <Typography.Text type="secondary" style={{ width: 40, flex: 'none', fontSize: 12 }}>
              {t('cocreationProjects.disclosure.rating.stars', { n: score })}
            </Typography.Text>
            <Progress
              percent={Math.round((summary.distribution[score - 1]! / summary.count) * 100)}
              format={() => summary.distribution[score - 1]}
              size="small"
              style={{ margin: 0, flex: 1 }}
            />
          </Flex>
        ))}
    </Flex>
  );
}
