import { Card, Flex, Statistic, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpinionRates, RateRow } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { ResponsiveList } from '../../components/ResponsiveList';
import { opinionRates } from './opinions-api';

const pct = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);

/** A rate with its numerator and denominator; the formula in its tooltip. */
function Rate({ title, value, n, d, formula, testid }: { title: string; value: number | null; n: number; d: number; formula: string; testid: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={formula}>
      <div data-testid={testid} data-n={n} data-d={d} style={{ cursor: 'help' }}>
        <Statistic title={title} value={pct(value) ?? t('cocreationOpinions.rates.none')} />
        <Typography.Text type="secondary">{t('cocreationOpinions.rates.detail', { n, d })}</Typography.Text>
      </div>
    </Tooltip>
  );
}

/** Adoption and on-time feedback rates of the region (or the user's scope), and each village's below a township. */
export function OpinionRatesCard({ regionCode, reloadKey }: { regionCode?: string; reloadKey: number }) {
  const { t } = useTranslation();
  const [rates, setRates] = useState<OpinionRates>();
  useEffect(() => {
    opinionRates(regionCode).then(setRates, () => setRates(undefined));
  }, [regionCode, reloadKey]);
  if (!rates) return null;
  const { total, formulas } = rates;
  const columns: ColumnsType<RateRow> = [
    { key: 'name', title: t('cocreationOpinions.rates.village'), render: (_, r) => r.regionName },
    { key: 'opinions', title: t('cocreationOpinions.rates.opinions'), width: 90, render: (_, r) => r.opinions },
    {
      key: 'adoption',
      title: t('cocreationOpinions.rates.adoption'),
      width: 120,
      render: (_, r) => `${pct(r.adoptionRate) ?? '–'} (${r.adopted}/${r.settled})`,
    },
    {
      key: 'feedback',
      title: t('cocreationOpinions.rates.feedback'),
      width: 130,
      render: (_, r) => `${pct(r.feedbackRate) ?? '–'} (${r.answeredOnTime}/${r.due})`,
    },
    { key: 'overdue', title: t('cocreationOpinions.rates.overdueCount'), width: 100, render: (_, r) => r.overdue },
  ];
  return (
    <Card size="small" title={`${t('cocreationOpinions.rates.title')} · ${total.regionName}`} style={{ marginBottom: 16 }} data-testid="opinion-rates">
      <Flex gap={32} wrap>
        <Rate
          title={t('cocreationOpinions.rates.adoption')}
          value={total.adoptionRate}
          n={total.adopted}
          d={total.settled}
          formula={formulas.adoptionRate}
          testid="rate-adoption"
        />
        <Rate
          title={t('cocreationOpinions.rates.feedback')}
          value={total.feedbackRate}
          n={total.answeredOnTime}
          d={total.due}
          formula={formulas.feedbackRate}
          testid="rate-feedback"
        />
      </Flex>
      {total.level !== 'village' && rates.villages.length > 0 && (
        <ResponsiveList<RateRow>
          size="small"
          rowKey="regionCode"
          columns={columns}
          dataSource={rates.villages.filter((v) => v.opinions > 0)}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
        />
      )}
    </Card>
  );
}
