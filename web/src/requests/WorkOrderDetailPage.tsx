import { ArrowLeftOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Image, Result, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { WorkOrderDetail } from '../../../src/modules/requests/schema.ts';
import { ApiError, errorMessage } from '../api';
import { PageSpinner } from '../components/PageSpinner';
import { ResponsiveList } from '../components/ResponsiveList';
import { usePhone } from '../components/use-phone';
import { formatDateTime } from '../labels';
import { ActionModal, type FormAction } from './ActionModal';
import { DueTag } from './DueTag';
import { PinMap } from './PinMap';
import { actionLabel, channelLabel, currentDue, eventLabel, levelLabel, percent, requestTypeLabel, satisfactionLabel } from './request-labels';
import { getWorkOrder, photoUrl } from './requests-api';
import { RevealPhoneModal } from './RevealPhoneModal';
import { StatusTag } from './StatusTag';
import { useVillageGrids } from './VillagePinPicker';
import { OrderFlags } from './WorkOrderTable';
import { WhistleCallTable } from './WhistleCallTable';
import { OrderOpinionButton } from '../cocreation/opinions/OrderOpinionButton';

/** Buttons in this order, the usual next step first; anything else the server allows comes after. */
const ACTION_ORDER: readonly FormAction[] = [
  'dispatch',
  'sign',
  'progress',
  'resolve',
  'follow-up',
  'close',
  'review-return',
  'review-extension',
  'extension',
  'return',
  'escalate',
  'whistle',
  'supervise',
  'reopen',
  'merge',
];
const PRIMARY: ReadonlySet<string> = new Set(['dispatch', 'sign', 'resolve', 'follow-up', 'close']);
const DANGER: ReadonlySet<string> = new Set(['return', 'reopen']);

type Stage = WorkOrderDetail['stages'][number];
type Extension = WorkOrderDetail['extensions'][number];
type FollowUp = WorkOrderDetail['followUps'][number];

/**
 * 工单详情: what was asked and where, who holds it and by when, everything that happened, and the
 * buttons for what this user may do next (exactly the server's `allowedActions`).
 */
export default function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [order, setOrder] = useState<WorkOrderDetail | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [action, setAction] = useState<FormAction | null>(null);
  const [revealOpen, setRevealOpen] = useState(false);
  const grids = useVillageGrids(order?.villageCode);
  const phone = usePhone();

  const load = useCallback(async () => {
    try {
      setOrder(await getWorkOrder(id));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(errorMessage(err)));
    }
  }, [id]);

  useEffect(() => {
    setOrder(null);
    void load();
  }, [load]);

  if (error && !order) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('requests.detail.notFound') : errorMessage(error)}
        extra={<Button onClick={() => navigate('/work-orders')}>{t('requests.detail.back')}</Button>}
      />
    );
  }
  if (!order) return <PageSpinner />;

  const allowed = new Set(order.allowedActions);
  const buttons = [
    ...ACTION_ORDER.filter((a) => allowed.has(a)),
    ...order.allowedActions.filter(
      (a): a is FormAction => !ACTION_ORDER.includes(a as FormAction) && a !== 'reveal-contact' && a !== 'report-in' && a !== 'part-done',
    ),
  ];
  const due = currentDue(order);
  const point = order.lat !== null && order.lng !== null ? { lat: order.lat, lng: order.lng } : null;
  const done = (a: FormAction) => {
    setAction(null);
    void message.success(t('requests.detail.done', { action: actionLabel(t, a) }));
    void load();
  };

  const stageColumns = [
    { key: 'seq', title: '#', width: 44, render: (_: unknown, s: Stage) => s.seq },
    { key: 'level', title: t('requests.field.level'), width: 90, render: (_: unknown, s: Stage) => levelLabel(t, s.level) },
    { key: 'unit', title: t('requests.field.unit'), render: (_: unknown, s: Stage) => s.unitName },
    { key: 'startedAt', title: t('requests.stage.startedAt'), width: 140, render: (_: unknown, s: Stage) => formatDateTime(s.startedAt) },
    {
      key: 'signed',
      title: t('requests.stage.signed'),
      width: 170,
      render: (_: unknown, s: Stage) =>
        s.signedAt ? (
          <Space size={4}>
            {formatDateTime(s.signedAt)}
            {s.signedAt > s.signForDue && <Tag color="red">{t('requests.stage.late')}</Tag>}
          </Space>
        ) : s.endedAt ? (
          t('common.empty')
        ) : (
          <DueTag at={s.signForDue} />
        ),
    },
    {
      key: 'resolveDue',
      title: t('requests.field.resolveDue'),
      width: 170,
      render: (_: unknown, s: Stage) => (s.endedAt ? formatDateTime(s.resolveDue) : <DueTag at={s.resolveDue} />),
    },
    {
      key: 'ended',
      title: t('requests.stage.ended'),
      width: 170,
      render: (_: unknown, s: Stage) =>
        s.endedAt ? (
          <Space size={4}>
            {formatDateTime(s.endedAt)}
            {s.endReason && <Tag>{t(`requests.stage.reason.${s.endReason as 'resolved'}`, { defaultValue: s.endReason })}</Tag>}
            {s.excused && <Tag color="blue">{t('requests.stage.excused')}</Tag>}
          </Space>
        ) : (
          <Tag color="processing">{t('requests.stage.current')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="order-detail">
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('requests.detail.back')} />
            <Typography.Text copyable strong style={{ fontSize: 18, fontFamily: 'monospace' }} data-testid="order-number">
              {order.number}
            </Typography.Text>
            <StatusTag status={order.status} />
            {due && <DueTag at={due.at} label={t(`requests.dueKind.${due.kind}`)} />}
            <OrderFlags order={order} />
          </Space>
        }
        extra={
          <Space>
            <OrderOpinionButton order={order} onDone={() => void load()} />
            <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('requests.list.refresh')} />
          </Space>
        }
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {order.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'category',
              label: t('requests.field.category'),
              children: (
                <Space size={4}>
                  {order.categoryName ?? t('common.empty')}
                  {order.categoryCode && <Typography.Text type="secondary">{order.categoryCode}</Typography.Text>}
                  {!order.categoryConfirmed && order.confidence !== null && (
                    <Tag color="purple">{t('requests.detail.predicted', { confidence: percent(order.confidence, 0) })}</Tag>
                  )}
                </Space>
              ),
            },
            { key: 'type', label: t('requests.field.requestType'), children: requestTypeLabel(t, order.requestType) },
            { key: 'channel', label: t('requests.field.channel'), children: channelLabel(t, order.channel) },
            {
              key: 'unit',
              label: t('requests.field.unit'),
              children: order.unitName ? `${order.unitName}（${levelLabel(t, order.level)}）` : t('common.empty'),
            },
            {
              key: 'place',
              label: t('requests.field.place'),
              children: [order.townshipName, order.villageName, order.gridCode].filter(Boolean).join(' · ') || t('common.empty'),
            },
            { key: 'address', label: t('requests.field.address'), children: order.address ?? t('common.empty') },
            { key: 'createdAt', label: t('requests.field.createdAt'), children: formatDateTime(order.createdAt) },
            { key: 'signForDue', label: t('requests.field.signForDue'), children: order.signForDue ? formatDateTime(order.signForDue) : t('common.empty') },
            { key: 'resolveDue', label: t('requests.field.resolveDue'), children: order.resolveDue ? formatDateTime(order.resolveDue) : t('common.empty') },
            ...(order.followUpDue ? [{ key: 'followUpDue', label: t('requests.field.followUpDue'), children: formatDateTime(order.followUpDue) }] : []),
            ...(order.resolvedAt ? [{ key: 'resolvedAt', label: t('requests.field.resolvedAt'), children: formatDateTime(order.resolvedAt) }] : []),
            ...(order.closedAt
              ? [{ key: 'closedAt', label: t('requests.field.closedAt'), children: `${formatDateTime(order.closedAt)}（${levelLabel(t, order.closedLevel)}）` }]
              : []),
            {
              key: 'requester',
              label: t('requests.field.requester'),
              children: order.anonymous ? (
                <Tag>{t('requests.field.anonymous')}</Tag>
              ) : (
                <Space size={4} wrap>
                  {order.requesterName ?? t('common.empty')}
                  {order.requesterPhone && <span data-testid="masked-phone">{order.requesterPhone}</span>}
                  {order.requesterPhone && allowed.has('reveal-contact') && (
                    <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setRevealOpen(true)} data-testid="reveal-phone">
                      {t('requests.reveal.button')}
                    </Button>
                  )}
                </Space>
              ),
            },
            ...(order.parentId
              ? [
                  {
                    key: 'parent',
                    label: t('requests.detail.mergedInto'),
                    children: <Link to={`/work-orders/${order.parentId}`}>{t('requests.detail.openParent')}</Link>,
                  },
                ]
              : []),
            ...(order.children.length
              ? [
                  {
                    key: 'children',
                    label: t('requests.detail.mergedHere'),
                    children: (
                      <Space size={4} wrap>
                        {order.children.map((c) => (
                          <Link key={c.id} to={`/work-orders/${c.id}`}>
                            {c.number}
                          </Link>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {buttons.length > 0 && (
          <Flex gap={8} wrap style={{ marginTop: 12 }} data-testid="order-actions">
            {buttons.map((a) => (
              <Button
                key={a}
                size={phone ? 'large' : 'middle'}
                type={PRIMARY.has(a) ? 'primary' : 'default'}
                danger={DANGER.has(a)}
                onClick={() => setAction(a)}
                data-testid={`action-${a}`}
              >
                {a === 'supervise' && order.supervised ? t('requests.action.unsupervise') : actionLabel(t, a)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('requests.field.description')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="order-description">
                {order.description}
              </Typography.Paragraph>
              {order.resolution && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={t('requests.field.resolution')}
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{order.resolution}</span>}
                />
              )}
              {order.photos.length > 0 && (
                <Image.PreviewGroup>
                  <Flex gap={8} wrap style={{ marginTop: 12 }}>
                    {order.photos.map((p) => (
                      <Image
                        key={p.id}
                        src={photoUrl(order.id, p.id)}
                        width={104}
                        height={104}
                        style={{ objectFit: 'cover', borderRadius: 6 }}
                        alt={t('requests.field.photos')}
                      />
                    ))}
                  </Flex>
                </Image.PreviewGroup>
              )}
            </Card>
            <Card size="small" title={t('requests.detail.timeline')}>
              {order.timeline.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Timeline
                  data-testid="order-timeline"
                  items={order.timeline.map((e) => ({
                    key: e.id,
                    content: (
                      <>
                        <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                          {formatDateTime(e.at)}
                        </Typography.Text>
                        <Typography.Text strong>{eventLabel(t, e.action)}</Typography.Text>
                        <Typography.Text type="secondary">
                          {' · '}
                          {[e.actorName, e.unitName].filter(Boolean).join(' · ')}
                        </Typography.Text>
                        {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
                        <EventPhotos orderId={order.id} details={e.details} />
                      </>
                    ),
                  }))}
                />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('requests.detail.map')}>
              <PinMap grids={grids} point={point} highlight={order.gridCode} />
            </Card>
            {order.followUps.length > 0 && (
              <Card size="small" title={t('requests.detail.followUps')}>
                <ResponsiveList<FollowUp>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={order.followUps}
                  columns={[
                    { key: 'at', title: t('requests.detail.followedUpAt'), render: (_, f) => formatDateTime(f.createdAt) },
                    { key: 'contacted', title: t('requests.form.contacted'), render: (_, f) => (f.contacted ? t('common.yes') : t('common.no')) },
                    { key: 'resolved', title: t('requests.form.resolvedPerResident'), render: (_, f) => (f.resolved ? t('common.yes') : t('common.no')) },
                    {
                      key: 'satisfaction',
                      title: t('requests.form.satisfaction'),
                      render: (_, f) => <Tag color={f.satisfaction === 'unsatisfied' ? 'red' : 'green'}>{satisfactionLabel(t, f.satisfaction)}</Tag>,
                    },
                    { key: 'comment', title: t('requests.form.comment'), render: (_, f) => f.comment ?? t('common.empty') },
                  ]}
                />
              </Card>
            )}
            {order.extensions.length > 0 && (
              <Card size="small" title={t('requests.detail.extensions')}>
                <ResponsiveList<Extension>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={order.extensions}
                  columns={[
                    { key: 'at', title: t('requests.detail.requestedAt'), render: (_, e) => formatDateTime(e.requestedAt) },
                    { key: 'days', title: t('requests.form.days'), render: (_, e) => e.days },
                    { key: 'reason', title: t('requests.form.reason'), render: (_, e) => e.reason },
                    {
                      key: 'status',
                      title: t('requests.field.status'),
                      render: (_, e) => (
                        <Tag color={e.status === 'approved' ? 'green' : e.status === 'refused' ? 'red' : 'orange'}>
                          {t(`requests.extensionStatus.${e.status as 'pending'}`, { defaultValue: e.status })}
                        </Tag>
                      ),
                    },
                  ]}
                />
              </Card>
            )}
          </Flex>
        </Col>
      </Row>

      <Card size="small" title={t('requests.detail.stages')}>
        <ResponsiveList<Stage>
          data-testid="order-stages"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={order.stages}
          columns={stageColumns}
          scroll={{ x: 800 }}
        />
      </Card>
      {order.whistleCalls.length > 0 && (
        <Card size="small" title={t('requests.detail.whistleCalls')}>
          <WhistleCallTable
            calls={order.whistleCalls}
            canAnswer={allowed.has('report-in') || allowed.has('part-done')}
            closed={['resolved', 'followed_up', 'closed', 'merged'].includes(order.status)}
            onChanged={() => void load()}
          />
        </Card>
      )}

      <ActionModal target={action ? { order, action } : null} onClose={() => setAction(null)} onDone={done} />
      <RevealPhoneModal orderId={order.id} masked={order.requesterPhone} open={revealOpen} onClose={() => setRevealOpen(false)} />
    </Flex>
  );
}

/** The photos a progress note or the resolution came with (details.photos: ids of the order's files). */
function EventPhotos({ orderId, details }: { orderId: string; details: unknown }) {
  const { t } = useTranslation();
  const ids = (details as { photos?: unknown } | null)?.photos;
  if (!Array.isArray(ids) || ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={6} wrap style={{ marginTop: 6 }} data-testid="event-photos">
        {ids
          .filter((id): id is string => typeof id === 'string')
          .map((id) => (
            <Image
              key={id}
              src={photoUrl(orderId, id)}
              width={72}
              height={72}
              style={{ objectFit: 'cover', borderRadius: 6 }}
              alt={t('requests.form.handlingPhotos')}
            />
          ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
