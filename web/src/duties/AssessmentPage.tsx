import { Alert, Button, Card, DatePicker, Form, List, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentRound, AssessmentRoundList, AssessmentSet, UnitScore } from '../../../src/modules/duties/assessment-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { DutiesTabs } from './DutiesTabs';
import { getAssessmentRound, listAssessmentRounds, listAssessmentSets, runAssessment } from './ledger-api';

type Indicator = AssessmentRound['indicators'][number];

/** One indicator's points, with what they rest on one click away (the measure's counts and formula). */
function ScoreCell({ ind, item }: { ind: Indicator; item: UnitScore['items'][number] | undefined }) {
  const { t } = useTranslation();
  if (!item) return null;
  const evidence =
    item.denominator === null
      ? t('dutiesLedger.assessment.evidenceCount', { numerator: item.numerator })
      : t('dutiesLedger.assessment.evidence', { numerator: item.numerator, denominator: item.denominator });
  return (
    <Popover
      title={ind.name}
      content={
        <div style={{ maxWidth: 320 }}>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{item.score === null ? t('dutiesLedger.assessment.leftOut') : evidence}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ind.formula}
          </Typography.Text>
        </div>
      }
    >
      <Button type="link" size="small" style={{ padding: 0 }} data-testid="score-cell">
        {item.score === null ? '—' : `${item.score} / ${ind.weight}`}
      </Button>
    </Popover>
  );
}

/** 分类+专项考核: indicator sets read from the system, rounds of scores with the evidence behind each. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const county = hasAnyPermission(me, ['duties.manage']);
  const [sets, setSets] = useState<AssessmentSet[]>([]);
  const [rounds, setRounds] = useState<AssessmentRoundList | null>(null);
  const [round, setRound] = useState<AssessmentRound | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [form] = Form.useForm<{ setId: string; period: [Dayjs, Dayjs] }>();

  const open = useCallback((id: string) => {
    getAssessmentRound(id).then(setRound, (err: unknown) => setError(errorMessage(err)));
  }, []);
  const load = useCallback(() => {
    listAssessmentSets().then(setSets, (err: unknown) => setError(errorMessage(err)));
    listAssessmentRounds().then(
      (rs) => {
        setRounds(rs);
        if (rs[0]) open(rs[0].id);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [open]);
  useEffect(load, [load]);

  const run = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setRunning(true);
    try {
      const r = await runAssessment({ setId: v.setId, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') });
      setRound(r);
      setRounds(await listAssessmentRounds());
    } catch (err) {
      if (!showFieldError(form, err, ['setId'])) setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  const kindName = (s: AssessmentSet) => t(`dutiesLedger.assessment.unitKind.${(s.unitKind ?? 'all') as 'urban' | 'rural' | 'all'}`);
  const scoreColumns: ColumnsType<UnitScore> = [
    { key: 'rank', title: t('dutiesLedger.assessment.rank'), width: 60, render: (_, _r, i) => i + 1 },
    { key: 'unit', title: t('dutiesLedger.assessment.unit'), width: 160, fixed: 'left', render: (_, r) => r.unitName },
    {
      key: 'total',
      title: t('dutiesLedger.assessment.total'),
      width: 90,
      render: (_, r) => (r.total === null ? <Tag>{t('dutiesLedger.assessment.noData')}</Tag> : <Typography.Text strong>{r.total}</Typography.Text>),
    },
    ...(round?.indicators ?? []).map((ind) => ({
      key: ind.key,
      title: ind.name,
      width: 110,
      render: (_: unknown, r: UnitScore) => <ScoreCell ind={ind} item={r.items.find((i) => i.key === ind.key)} />,
    })),
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="assessment-page">
        <Typography.Paragraph type="secondary">{t('dutiesLedger.assessment.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Card title={t('dutiesLedger.assessment.sets')} style={{ marginBottom: 16 }}>
          <List
            dataSource={sets}
            renderItem={(s) => (
              <List.Item data-testid="assessment-set">
                <List.Item.Meta
                  title={`${s.name}（${kindName(s)}）`}
                  description={s.indicators
                    .map(
                      (i) =>
                        `${i.name} ${i.weight}（${t(`dutiesLedger.assessment.direction.${i.direction}`)}，${t('dutiesLedger.assessment.target')} ${i.target}）`,
                    )
                    .join('；')}
                />
              </List.Item>
            )}
          />
          {county && (
            <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
              <Form.Item name="setId" label={t('dutiesLedger.assessment.set')} rules={[{ required: true }]}>
                <Select style={{ minWidth: 220 }} options={sets.map((s) => ({ value: s.id, label: s.name }))} data-testid="assessment-set-select" />
              </Form.Item>
              <Form.Item name="period" label={t('dutiesLedger.assessment.period')} rules={[{ required: true }]}>
                <DatePicker.RangePicker />
              </Form.Item>
              <Button type="primary" loading={running} onClick={() => void run()} data-testid="assessment-run">
                {t('dutiesLedger.assessment.run')}
              </Button>
            </Form>
          )}
        </Card>
        <Card
          title={round ? `${round.setName} · ${round.regionName} · ${round.from} ~ ${round.to}` : t('dutiesLedger.assessment.rounds')}
          extra={
            rounds && rounds.length > 1 ? (
              <Space>
                <Select
                  size="small"
                  style={{ minWidth: 260 }}
                  value={round?.id}
                  onChange={open}
                  options={rounds.map((r) => ({
                    value: r.id,
                    label: `${r.setName} · ${r.from} ~ ${r.to}（${t('dutiesLedger.assessment.units', { count: r.units })}）`,
                  }))}
                />
              </Space>
            ) : null
          }
        >
          {rounds?.length === 0 && <Typography.Text type="secondary">{t('dutiesLedger.assessment.empty')}</Typography.Text>}
          {round && (
            <Table<UnitScore>
              columns={scoreColumns}
              dataSource={round.scores}
              rowKey="unitCode"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              onRow={(r) => ({ 'data-testid': 'score-row', 'data-unit': r.unitCode }) as React.HTMLAttributes<HTMLElement>}
            />
          )}
        </Card>
      </div>
    </>
  );
}
