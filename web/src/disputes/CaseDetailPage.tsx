import { ArrowLeftOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, List, Result, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNameIn } from '../locales/names.en';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaseAction, DisputeCaseDetail } from '../../../src/modules/disputes/schema.ts';
import { ApiError, errorMessage } from '../api';
import { PageSpinner } from '../components/PageSpinner';
import { formatDateTime } from '../labels';
import { DueTag } from '../requests/DueTag';
import { CaseActionModal } from './CaseActionModal';
import { agreementPdfUrl, getCase } from './disputes-api';
import { CaseStatusTag, LevelTag, RiskTag } from './DisputeTags';
import { EvidenceCard } from './EvidenceCard';

/** Buttons in this order, the usual next step first. */
const ACTION_ORDER: readonly CaseAction[] = [
  'session',
  'agree',
  'sign',
  'stamp',
  'close',
  'visit',
  'assign',
  'escalate',
  'raise-risk',
  'judicial-apply',
  'judicial-outcome',
  'department-part',
  'add-party',
  'invite-department',
  'fail',
  'refer',
  'link-reception',
];
const PRIMARY: ReadonlySet<CaseAction> = new Set([
  'session',
  'agree',
  'sign',
  'stamp',
  'close',
  'visit',
  'judicial-apply',
  'judicial-outcome',
  'department-part',
]);
const DANGER: ReadonlySet<CaseAction> = new Set(['fail', 'refer']);

type Party = DisputeCaseDetail['parties'][number];
type Session = DisputeCaseDetail['sessions'][number];
type Judicial = NonNullable<NonNullable<DisputeCaseDetail['agreement']>['judicial']>;

/** 司法确认: the parties' joint application and the court's ruling, once recorded. */
function JudicialSection({ j }: { j: Judicial }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      title={t('disputes.judicial.title')}
      style={{ marginTop: 12 }}
      data-testid="judicial"
      items={[
        { key: 'appliedOn', label: t('disputes.judicial.appliedOn'), children: j.appliedOn },
        { key: 'court', label: t('disputes.judicial.court'), children: j.court },
        { key: 'applicants', label: t('disputes.judicial.applicants'), children: j.applicants.map((a) => a.name).join('、') },
        {
          key: 'outcome',
          label: t('disputes.judicial.outcome'),
          children: j.outcome ? (
            <Tag color={j.outcome === 'confirmed' ? 'green' : 'red'} data-testid="judicial-outcome" data-outcome={j.outcome}>
              {t(`disputes.judicial.outcomes.${j.outcome}`)}
            </Tag>
          ) : (
            <Tag color="orange" data-testid="judicial-outcome" data-outcome="">
              {t('disputes.judicial.pending')}
            </Tag>
          ),
        },
        ...(j.ruledOn ? [{ key: 'ruledOn', label: t('disputes.judicial.ruledOn'), children: j.ruledOn }] : []),
        ...(j.document ? [{ key: 'document', label: t('disputes.judicial.document'), children: j.document }] : []),
        ...(j.reason ? [{ key: 'reason', label: t('disputes.judicial.reason'), children: j.reason }] : []),
      ]}
    />
  );
}

/** The parties with the particulars a written agreement states (art. 29); numbers masked. */
function PartyList({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  return (
    <List<Party>
      size="small"
      dataSource={parties}
      data-testid="parties"
      renderItem={(p) => (
        <List.Item data-testid="party">
          <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
            <Space wrap size={4}>
              <Tag>{t(`disputes.role.${p.role}`)}</Tag>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.residentId && <Tag color="blue">{t('disputes.particulars.fromRegistry')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }} data-testid="party-particulars">
              {[p.sex && t(`disputes.sex.${p.sex}`), p.ethnicity, p.age !== null && t('disputes.particulars.ageUnit', { age: p.age }), p.occupation, p.address]
                .filter(Boolean)
                .join(' · ') || t('common.empty')}
            </Typography.Text>
            {(p.phone || p.idNumber) && (
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere', fontSize: 12 }}>
                {[p.phone && `${t('disputes.field.phone')} ${p.phone}`, p.idNumber && `${t('disputes.field.idNumber')} ${p.idNumber}`]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** Departments taking part in a joint mediation, with their part once recorded. */
function DepartmentsCard({ c }: { c: DisputeCaseDetail }) {
  const { t } = useTranslation();
  if (c.departments.length === 0) return null;
  return (
    <Card size="small" title={t('disputes.joint.title')} data-testid="case-departments">
      <List
        size="small"
        dataSource={c.departments}
        renderItem={(d) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Space wrap size={4}>
                <Typography.Text strong>{d.departmentName}</Typography.Text>
                {d.method && <Tag>{t(`disputes.method.${d.method as 'family'}`, { defaultValue: d.method })}</Tag>}
                {!d.partAt && <Tag color="orange">{t('disputes.joint.partPending')}</Tag>}
              </Space>
              {d.note && <Typography.Text type="secondary">{d.note}</Typography.Text>}
              {d.partAt && (
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                  {t('disputes.joint.part')}：{d.partNote}（{d.partByName} · {formatDateTime(d.partAt)}）
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function AgreementCard({ c }: { c: DisputeCaseDetail }) {
  const { t } = useTranslation();
  const a = c.agreement;
  if (!a) {
    return (
      <Card size="small" title={t('disputes.detail.agreement')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.detail.noAgreement')} />
      </Card>
    );
  }
  const yesNo = (done: boolean, at: string | null) =>
    done ? <Tag color="green">{formatDateTime(at)}</Tag> : <Tag color="orange">{t('disputes.detail.notYet')}</Tag>;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('disputes.detail.agreement')}
          <Tag>{t(`disputes.outcome.${a.kind}`)}</Tag>
        </Space>
      }
      extra={
        a.kind === 'written' && (
          <a href={agreementPdfUrl(c.id)} download data-testid="agreement-pdf">
            <FilePdfOutlined /> {t('disputes.detail.pdf')}
          </a>
        )
      }
      data-testid="agreement"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(a.kind === 'written'
            ? [
                { key: 'facts', label: t('disputes.form.facts'), children: a.facts },
                { key: 'matters', label: t('disputes.form.matters'), children: a.matters },
                { key: 'responsibilities', label: t('disputes.form.responsibilities'), children: a.responsibilities },
              ]
            : []),
          { key: 'terms', label: t('disputes.form.terms'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.terms}</span> },
          ...(a.kind === 'written'
            ? [
                { key: 'method', label: t('disputes.form.performanceMethod'), children: a.performanceMethod },
                { key: 'deadline', label: t('disputes.detail.deadline'), children: a.performanceDeadline },
                { key: 'committee', label: t('disputes.detail.committee'), children: a.committeeName },
                { key: 'signed', label: t('disputes.detail.signed'), children: yesNo(a.partiesSigned, a.signedAt) },
                { key: 'stamped', label: t('disputes.detail.stamped'), children: yesNo(a.stamped, a.stampedAt) },
              ]
            : []),
          ...(a.effectiveAt ? [{ key: 'effective', label: t('disputes.detail.effectiveAt'), children: formatDateTime(a.effectiveAt) }] : []),
          ...(a.judicialDue ? [{ key: 'judicial', label: t('disputes.detail.judicialDue'), children: a.judicialDue }] : []),
          ...(a.followedUpAt
            ? [
                {
                  key: 'visit',
                  label: t('disputes.detail.followUp'),
                  children: (
                    <Space wrap>
                      {formatDateTime(a.followedUpAt)}
                      <Tag color={a.performed ? 'green' : 'red'}>{a.performed ? t('disputes.detail.performed') : t('disputes.detail.notPerformed')}</Tag>
                      {a.followUpNote}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {a.judicial && <JudicialSection j={a.judicial} />}
    </Card>
  );
}

/**
 * 调解案件详情: who, what and where; level, risk and why, mediator and the level's countdown; the
 * sessions, the agreement (with its PDF) and the timeline; and the buttons for exactly the
 * server's `allowedActions`.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [c, setCase] = useState<DisputeCaseDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [action, setAction] = useState<CaseAction | null>(null);

  const load = useCallback(async () => {
    try {
      setCase(await getCase(id));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(errorMessage(err)));
    }
  }, [id]);

  useEffect(() => {
    setCase(null);
    void load();
  }, [load]);

  if (error && !c) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('disputes.detail.notFound') : errorMessage(error)}
        extra={<Button onClick={() => navigate('/disputes')}>{t('disputes.detail.back')}</Button>}
      />
    );
  }
  if (!c) return <PageSpinner />;

  const allowed = new Set(c.allowedActions);
  const buttons = ACTION_ORDER.filter((a) => allowed.has(a));

  return (
    <Flex vertical gap={16} data-testid="case-detail">
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('disputes.detail.back')} />
            <Typography.Text copyable strong style={{ fontSize: 18, fontFamily: 'monospace' }} data-testid="case-number">
              {c.number}
            </Typography.Text>
            <CaseStatusTag status={c.status} />
            <LevelTag level={c.level} />
            <RiskTag level={c.riskLevel} />
            {c.status !== 'closed' && <DueTag at={c.levelDue} label={t('disputes.field.due')} />}
            {c.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
          </Space>
        }
        extra={<Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('disputes.board.refresh')} />}
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {c.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'type', label: t('disputes.field.type'), children: `${c.disputeType} ${categoryNameIn(i18n.language, c.disputeType, c.disputeTypeName)}` },
            { key: 'unit', label: t('disputes.field.unit'), children: c.unitName ?? t('common.empty') },
            {
              key: 'mediator',
              label: t('disputes.field.mediator'),
              children: c.mediatorName ? [c.mediatorName, c.mediatorPhone].filter(Boolean).join(' · ') : t('common.empty'),
            },
            { key: 'place', label: t('disputes.field.place'), children: [c.townshipName, c.villageName, c.gridCode].filter(Boolean).join(' · ') },
            { key: 'createdAt', label: t('disputes.field.createdAt'), children: formatDateTime(c.createdAt) },
            { key: 'due', label: t('disputes.field.due'), children: formatDateTime(c.levelDue) },
            {
              key: 'source',
              label: t('disputes.field.source'),
              children: c.workOrderId ? (
                <Link to={`/work-orders/${c.workOrderId}`} data-testid="case-work-order">
                  {c.workOrderNumber ?? t('disputes.source.work_order')}
                </Link>
              ) : (
                t(`disputes.source.${c.source}`)
              ),
            },
            ...(c.amount !== null
              ? [{ key: 'amount', label: t('disputes.field.amount'), children: t('disputes.detail.amountYuan', { amount: c.amount }) }]
              : []),
            ...(c.methods.length
              ? [
                  {
                    key: 'methods',
                    label: t('disputes.field.methods'),
                    children: c.methods.map((m) => t(`disputes.method.${m as 'family'}`, { defaultValue: m })).join('、'),
                  },
                ]
              : []),
            ...(c.outcome
              ? [
                  {
                    key: 'outcome',
                    label: t('disputes.field.outcome'),
                    children: [t(`disputes.outcome.${c.outcome}`), c.referral && t(`disputes.referral.${c.referral}`), c.outcomeNote]
                      .filter(Boolean)
                      .join(' · '),
                  },
                ]
              : []),
            ...(c.closedAt
              ? [
                  {
                    key: 'closedAt',
                    label: t('disputes.field.closedAt'),
                    children: `${formatDateTime(c.closedAt)}（${t(`disputes.level.${c.closedLevel ?? c.level}`)}）`,
                  },
                ]
              : []),
          ]}
        />
        {c.riskReasons.length > 0 && (
          <Alert
            type={c.riskLevel === 'high' ? 'error' : c.riskLevel === 'medium' ? 'warning' : 'info'}
            showIcon
            style={{ marginTop: 12 }}
            title={`${t('disputes.field.riskReasons')}（${t('disputes.detail.autoRisk', { risk: t(`disputes.risk.${c.autoRiskLevel}`) })}）`}
            description={c.riskReasons.join('；')}
            data-testid="risk-reasons"
          />
        )}
        {buttons.length > 0 && (
          <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="case-actions">
            {buttons.map((a) => (
              <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                {t(`disputes.action.${a}`)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>

      {/* No horizontal gutter on a phone: the columns stack, and the gutter's negative margins would push the page sideways. */}
      <Row gutter={[{ xs: 0, lg: 16 }, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('disputes.detail.narrative')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.narrative}</Typography.Paragraph>
              {c.attachments.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('disputes.field.attachments')}：{c.attachments.join('、')}
                </Typography.Paragraph>
              )}
            </Card>
            <Card size="small" title={t('disputes.detail.parties')}>
              <PartyList parties={c.parties} />
            </Card>
            <DepartmentsCard c={c} />
            <Card size="small" title={t('disputes.detail.sessions')}>
              {c.sessions.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.detail.noSessions')} />
              ) : (
                <Flex vertical gap={12} data-testid="sessions">
                  {c.sessions.map((s: Session) => (
                    <Descriptions
                      key={s.id}
                      size="small"
                      bordered
                      column={1}
                      items={[
                        { key: 'at', label: t('disputes.detail.heldAt'), children: formatDateTime(s.heldAt) },
                        { key: 'place', label: t('disputes.detail.place'), children: s.place },
                        { key: 'attendees', label: t('disputes.detail.attendees'), children: s.attendees.join('、') },
                        {
                          key: 'methods',
                          label: t('disputes.field.methods'),
                          children: s.methods.map((m) => t(`disputes.method.${m as 'family'}`, { defaultValue: m })).join('、'),
                        },
                        ...(s.mediatorName ? [{ key: 'mediator', label: t('disputes.field.mediator'), children: s.mediatorName }] : []),
                        { key: 'record', label: t('disputes.detail.record'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.record}</span> },
                      ]}
                    />
                  ))}
                </Flex>
              )}
            </Card>
            <AgreementCard c={c} />
            <EvidenceCard c={c} onChange={setCase} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('disputes.detail.timeline')}>
            <Timeline
              data-testid="case-timeline"
              items={c.timeline.map((e) => ({
                key: e.id,
                content: (
                  <>
                    <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                      {formatDateTime(e.at)}
                    </Typography.Text>
                    <Typography.Text strong>{t(`disputes.event.${e.action as 'create'}`, { defaultValue: e.action })}</Typography.Text>
                    <Typography.Text type="secondary"> · {e.actorName}</Typography.Text>
                    {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <CaseActionModal
        target={action ? { c, action } : null}
        onClose={() => setAction(null)}
        onDone={(a, after) => {
          setAction(null);
          setCase(after);
          void message.success(t('disputes.detail.done', { action: t(`disputes.action.${a}`) }));
        }}
      />
    </Flex>
  );
}
