import { Card, Descriptions, Empty, Flex, Progress, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisclosedProject, Disclosure } from '../../../../src/modules/cocreation/disclosure-schema.ts';
import { RatingSummaryView } from './RatingSummaryView';

const STATUS_COLOR = { planned: 'default', building: 'processing', completed: 'success' } as const;
const money = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

function ProjectCard({ project: p }: { project: DisclosedProject }) {
  const { t } = useTranslation();
  const k = 'cocreationProjects.disclosure.project';
  const r = p.received;
  const contributors = (['money', 'labour', 'land', 'materials'] as const).filter((kind) => p.contributors[kind].length > 0);
  return (
    <Card size="small" data-testid="disclosure-project">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, overflowWrap: 'anywhere' }}>
          {p.title}
        </Typography.Text>
        <Tag color={STATUS_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
          {t(`${k}.status.${p.status}`)}
        </Tag>
      </Flex>
      <Progress percent={p.progress} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[p.startedOn && t(`${k}.started`, { day: p.startedOn }), p.completedOn && t(`${k}.completed`, { day: p.completedOn })].filter(Boolean).join(' · ')}
      </Typography.Text>
      {p.plan && (
        <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
          <Typography.Text type="secondary">{t(`${k}.plan`)}：</Typography.Text>
          {p.plan}
        </Typography.Paragraph>
      )}

      <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
        {t(`${k}.budget`)}
      </Typography.Title>
      {p.budget.length === 0 ? (
        <Typography.Text type="secondary">{t(`${k}.noBudget`)}</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered data-testid="disclosure-budget">
          {p.budget.map((b) => (
            <Descriptions.Item key={b.source} label={t(`${k}.source.${b.source}`)}>
              {t(`${k}.yuan`, { n: money(b.amount) })}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {p.budget.length > 0 && (
        <Typography.Text strong style={{ display: 'block', marginTop: 4 }} data-testid="disclosure-budget-total">
          {t(`${k}.budgetTotal`, { amount: money(p.budgetTotal) })}
        </Typography.Text>
      )}

      <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
        {t(`${k}.received`)}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="disclosure-received">
        <Descriptions.Item label={t(`${k}.money`)}>{t(`${k}.yuan`, { n: money(r.money) })}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.labour`)}>{t(`${k}.days`, { n: r.labourDays })}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.land`)}>{t(`${k}.area`, { n: r.landM2 })}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.materials`)}>{t(`${k}.items`, { n: r.materials })}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.value`)}>{t(`${k}.yuan`, { n: money(r.valueYuan) })}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.households`)}>{t(`${k}.householdCount`, { n: r.households })}</Descriptions.Item>
      </Descriptions>
      {contributors.length > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 4 }} data-testid="disclosure-contributors">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`${k}.contributors`)}
          </Typography.Text>
          {contributors.map((kind) => (
            <Typography.Text key={kind} style={{ overflowWrap: 'anywhere' }}>
              {t(`${k}.${kind}`)}：{p.contributors[kind].join('、')}
            </Typography.Text>
          ))}
        </Flex>
      )}

      {p.milestones.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
            {t(`${k}.milestones`)}
          </Typography.Title>
          <Steps
            orientation="vertical"
            size="small"
            current={p.milestones.length - 1}
            items={p.milestones.map((m) => ({ title: m.title, description: `${m.reachedOn} · ${m.progress}%` }))}
          />
        </>
      )}

      {p.status === 'completed' && (
        <>
          <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
            {t(`${k}.evaluation`)}
          </Typography.Title>
          {p.evaluation.ratingOpensOn && p.evaluation.ratingClosesOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t(`${k}.window`, { opens: p.evaluation.ratingOpensOn, closes: p.evaluation.ratingClosesOn })}
            </Typography.Text>
          )}
          <RatingSummaryView summary={p.evaluation.summary} />
          {p.evaluation.comments.length > 0 && (
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="disclosure-comments">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`${k}.comments`)}
              </Typography.Text>
              {p.evaluation.comments.map((c, i) => (
                <Typography.Text key={i} style={{ overflowWrap: 'anywhere' }}>
                  {'★'.repeat(c.score)} {c.comment} <Typography.Text type="secondary">{c.date}</Typography.Text>
                </Typography.Text>
              ))}
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}

/** 财务公开 and 结果公开 (projects): budget, what residents gave, progress and evaluation. */
export function DisclosureProjects({ projects }: { projects: Disclosure['projects'] }) {
  const { t } = useTranslation();
  if (!projects.length) return <Empty description={t('cocreationProjects.disclosure.empty.projects')} />;
  return (
    <Flex vertical gap={12} data-testid="disclosure-projects">
      {projects.map((p, i) => (
        <ProjectCard key={i} project={p} />
      ))}
    </Flex>
  );
}
