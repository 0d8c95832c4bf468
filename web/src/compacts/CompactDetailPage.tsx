import { Alert, Button, Card, Col, Flex, List, Popconfirm, Row, Statistic, Steps, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Compact, Version } from '../../../src/modules/compacts/compact-schema.ts';
import { COMPACT_STEPS, type CompactStep } from '../../../src/modules/compacts/kinds.ts';
import { hasAnyPermission, useMe } from '../auth';
import { PageSpinner } from '../components/PageSpinner';
import { formatDateTime } from '../labels';
import { FilingPanel, NoticePanel, PublicationPanel, VotePanel } from './AdoptionPanels';
import { ArticleEditor } from './ArticleEditor';
import { Refusal, StepTag } from './common';
import { completeStep, getCompact, getVersion } from './compacts-api';
import { OpinionsPanel } from './OpinionsPanel';
import { CommitteePanel, DeliberationPanel, InvitationPanel } from './SetupPanels';
import { useRun, type PanelProps } from './use-run';

/** The nine steps and the filing, as the bar shows them ('filed' is the filing done). */
const BAR: readonly CompactStep[] = COMPACT_STEPS.filter((s) => s !== 'filed');

/**
 * One compact (/compacts/:id): the bar of the nine steps and the filing, the open step's form with
 * what the step still needs and "完成本步", any earlier step's record to look at, the figures and
 * the history.
 */
export default function CompactDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const [c, setC] = useState<Compact>();
  const [loadError, setLoadError] = useState<unknown>();
  const [viewing, setViewing] = useState<CompactStep>();
  const [version, setVersion] = useState<Version>();

  useEffect(() => {
    getCompact(id).then(setC, setLoadError);
  }, [id]);
  const seq = c?.versionSeq ?? 0;
  const reloadVersion = useCallback(() => {
    if (seq > 0) getVersion(id, seq).then(setVersion, () => undefined);
    else setVersion(undefined);
  }, [id, seq]);
  useEffect(reloadVersion, [reloadVersion]);
  const step = c?.step;
  useEffect(() => setViewing(undefined), [step]);
  const { busy, error, run } = useRun(setC);

  if (loadError) return <Refusal error={loadError} testId="compact-load-error" />;
  if (!c) return <PageSpinner />;
  const openStep: CompactStep = c.step === 'filed' ? 'filing' : c.step;
  const shown = viewing ?? openStep;
  const current = BAR.indexOf(openStep);
  const props: PanelProps = {
    c,
    open: shown === c.step,
    mayEdit: hasAnyPermission(me, ['compacts.edit']),
    mayReview: hasAnyPermission(me, ['compacts.review']),
    onChange: setC,
  };
  const closable = c.step !== 'filing' && c.step !== 'filed';

  return (
    <div data-testid="compact-detail" data-step={c.step} data-version={c.versionSeq}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="compact-title">
          {c.title} <StepTag step={c.step} />
          {c.versionSeq > 0 && <Tag>{t('compacts.common.version', { seq: c.versionSeq })}</Tag>}
        </Typography.Title>
        <Link to="/compacts">{t('compacts.detail.back')}</Link>
      </Flex>
      <Typography.Paragraph type="secondary">
        {c.regionName} · {t(`compacts.kind.${c.kind}`)}
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16, overflowX: 'auto' }}>
        <Steps
          size="small"
          current={current}
          status={c.step === 'filed' ? 'finish' : 'process'}
          onChange={(i) => setViewing(BAR[i])}
          items={BAR.map((s, i) => ({
            title: t(`compacts.step.${s}`),
            disabled: i > current,
            'data-testid': `compact-bar-${s}`,
          }))}
          data-testid="compact-steps"
        />
      </Card>

      {shown === c.step && (
        <Card size="small" title={t('compacts.detail.needs')} style={{ marginBottom: 16 }} data-testid="compact-needs">
          {c.needs.length === 0 ? (
            <Typography.Text type="success">{t('compacts.detail.needsNone')}</Typography.Text>
          ) : (
            <List size="small" dataSource={c.needs} renderItem={(n) => <List.Item data-testid="compact-need">{n}</List.Item>} />
          )}
          <Refusal error={error} testId="compact-complete-refusal" />
          {closable && props.mayEdit && (
            <Popconfirm
              title={t('compacts.detail.completeConfirm', { step: t(`compacts.step.${c.step}`) })}
              onConfirm={() => run(() => completeStep(c.id, c.step))}
              okButtonProps={{ 'data-testid': 'compact-complete-confirm' }}
            >
              <Button type="primary" loading={busy} style={{ marginTop: 8 }} data-testid="compact-complete">
                {t('compacts.detail.complete')}
              </Button>
            </Popconfirm>
          )}
        </Card>
      )}
      {shown !== c.step && <Alert type="info" showIcon title={t('compacts.detail.notOpen')} style={{ marginBottom: 16 }} />}

      <Card size="small" title={t(`compacts.step.${shown}`)} style={{ marginBottom: 16 }} data-testid={`compact-panel-${shown}`}>
        <StepPanel step={shown} props={props} version={version} onSaved={reloadVersion} />
      </Card>

      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card size="small" title={t('compacts.detail.figures')} style={{ marginBottom: 16 }} data-testid="compact-figures">
            <Flex gap={24} wrap>
              <Statistic title={t('compacts.detail.households')} value={c.figures.households} />
              <Statistic title={t('compacts.detail.participation')} value={c.figures.participationPct} suffix="%" precision={1} />
              <Statistic title={t('compacts.detail.awareness')} value={c.figures.awarenessPct} suffix="%" precision={1} />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small" title={t('compacts.detail.history')} style={{ marginBottom: 16 }} data-testid="compact-history">
            <List
              size="small"
              dataSource={[...c.history].reverse()}
              locale={{ emptyText: t('compacts.common.empty') }}
              renderItem={(h) => (
                <List.Item>
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    <Tag color={h.action === 'reopened' ? 'red' : 'green'}>
                      {t(`compacts.step.${h.step}`)} · {t(h.action === 'reopened' ? 'compacts.detail.reopened' : 'compacts.detail.completed')}
                    </Tag>
                    {h.summary}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {formatDateTime(h.at)} {h.by ?? ''}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function StepPanel({ step, props, version, onSaved }: { step: CompactStep; props: PanelProps; version?: Version; onSaved(): void }) {
  switch (step) {
    case 'deliberation':
      return <DeliberationPanel {...props} />;
    case 'invitation':
      return <InvitationPanel {...props} />;
    case 'committee':
      return <CommitteePanel {...props} />;
    case 'draft':
      return <ArticleEditor {...props} version={version} onSaved={onSaved} />;
    case 'consultation':
      return <OpinionsPanel {...props} version={version} />;
    case 'revision':
      return (
        <>
          <ArticleEditor {...props} version={version} onSaved={onSaved} />
          <OpinionsPanel {...props} version={version} />
        </>
      );
    case 'notice':
      return <NoticePanel {...props} />;
    case 'vote':
      return <VotePanel {...props} />;
    case 'publication':
      return <PublicationPanel {...props} />;
    case 'filing':
    case 'filed':
      return <FilingPanel {...props} open={props.c.step === 'filing'} />;
  }
}
