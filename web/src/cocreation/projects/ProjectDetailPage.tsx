import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProjectDetail, ProjectStatusBody } from '../../../../src/modules/cocreation/project-schema.ts';
import { errorMessage } from '../../api';
import { PageSpinner } from '../../components/PageSpinner';
import { CocreationTabs } from '../CocreationTabs';
import { CareTeam } from './CareTeam';
import { ContributionLedger } from './ContributionLedger';
import { ProjectBudgetModal, ProjectEditModal, ProjectStatusModal } from './ProjectEditModals';
import { ProjectMilestones } from './ProjectMilestones';
import { ProjectStatusTag, useProjectText } from './ProjectStatusTag';
import { getProject } from './projects-api';

type Dialog = 'edit' | 'budget' | ProjectStatusBody['status'] | null;
const NEXT: Record<ProjectDetail['status'], ProjectStatusBody['status'][]> = {
  planned: ['building', 'cancelled'],
  building: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** One project: plan, budget by source, what residents gave (ledger), progress with photos, care team. */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const c = useProjectText();

  const load = useCallback(() => {
    getProject(id).then(setProject, (err: unknown) => setError(errorMessage(err)));
  }, [id]);
  useEffect(load, [load]);
  const saved = (p: ProjectDetail) => {
    setProject(p);
    void message.success(c('detail.saved'));
  };

  if (error && !project) {
    return (
      <>
        <CocreationTabs />
        <Alert type="error" showIcon title={error} />
      </>
    );
  }
  if (!project) return <PageSpinner />;
  const p = project;
  const yuan = (n: number) => c('yuan', { n: n.toLocaleString() });
  const statusLabel = { building: c('detail.start'), completed: c('detail.complete'), cancelled: c('detail.cancel') };

  return (
    <>
      <CocreationTabs />
      <div data-testid="project-detail" data-status={p.status}>
        <Link to="/cocreation/projects">{c('detail.back')}</Link>
        <Space wrap align="center" style={{ margin: '8px 0', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {p.title}
          </Typography.Title>
          <ProjectStatusTag status={p.status} />
          <Typography.Text type="secondary">{p.villageName}</Typography.Text>
        </Space>
        {p.editable && (
          <Space wrap style={{ marginBottom: 12 }}>
            {p.status !== 'cancelled' && <Button onClick={() => setDialog('edit')}>{c('detail.edit')}</Button>}
            {NEXT[p.status].map((s) => (
              <Button
                key={s}
                type={s === 'cancelled' ? 'default' : 'primary'}
                danger={s === 'cancelled'}
                onClick={() => setDialog(s)}
                data-testid={`project-to-${s}`}
              >
                {statusLabel[s]}
              </Button>
            ))}
          </Space>
        )}
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={c('detail.plan')}>{p.plan ?? <Typography.Text type="secondary">{c('detail.noPlan')}</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={c('detail.from')}>
              <Space direction="vertical" size={0}>
                {p.resolution && <span>{c('detail.resolution', { text: p.resolution.text, meeting: p.resolution.meetingTitle })}</span>}
                {p.voteOption && <span>{c('detail.voteOption', { label: p.voteOption.label, vote: p.voteOption.voteTitle })}</span>}
              </Space>
            </Descriptions.Item>
            {p.startedOn && <Descriptions.Item label={c('status.building')}>{c('detail.started', { day: p.startedOn })}</Descriptions.Item>}
            {p.completedOn && <Descriptions.Item label={c('status.completed')}>{c('detail.completed', { day: p.completedOn })}</Descriptions.Item>}
            {p.ratingOpensOn && p.ratingClosesOn && (
              <Descriptions.Item label={c('detail.ratingOpens')}>{c('detail.rating', { opens: p.ratingOpensOn, closes: p.ratingClosesOn })}</Descriptions.Item>
            )}
            <Descriptions.Item label={c('create.wage')}>{c('detail.wage', { n: p.labourDayWage })}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={c('budget.title')}
              extra={
                p.editable &&
                p.status !== 'cancelled' && (
                  <Button size="small" onClick={() => setDialog('budget')} data-testid="budget-edit">
                    {c('budget.edit')}
                  </Button>
                )
              }
            >
              <Table
                size="small"
                pagination={false}
                rowKey="source"
                dataSource={p.totals.bySource}
                locale={{ emptyText: c('budget.empty') }}
                columns={[
                  { key: 'source', title: c('budget.source'), render: (_, b) => c(`source.${b.source}`) },
                  {
                    key: 'amount',
                    title: c('budget.amount'),
                    align: 'right',
                    render: (_, b) => (
                      <Space direction="vertical" size={0}>
                        {b.budget.toLocaleString()}
                        {b.received !== null && <Typography.Text type="secondary">{c('budget.received', { n: b.received.toLocaleString() })}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{c('budget.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      <span data-testid="budget-total">{p.totals.budget.toLocaleString()}</span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={c('totals.title')} data-testid="project-totals">
              <Row gutter={[12, 12]}>
                <Col xs={12} sm={8}>
                  <Statistic title={c('totals.money')} value={yuan(p.totals.money)} valueStyle={{ fontSize: 18 }} />
                </Col>
                <Col xs={12} sm={8}>
                  <Statistic title={c('totals.labour')} value={c('days', { n: p.totals.labourDays })} valueStyle={{ fontSize: 18 }} />
                </Col>
                <Col xs={12} sm={8}>
                  <Statistic title={c('totals.land')} value={c('area', { n: p.totals.landArea })} valueStyle={{ fontSize: 18 }} />
                </Col>
                <Col xs={12} sm={8}>
                  <Statistic title={c('totals.materials')} value={yuan(p.totals.materialsValue)} valueStyle={{ fontSize: 18 }} />
                </Col>
                <Col xs={12} sm={8}>
                  <Statistic title={c('totals.households')} value={p.totals.households} valueStyle={{ fontSize: 18 }} />
                </Col>
                <Col xs={24}>
                  <Statistic title={c('totals.saved')} value={yuan(p.totals.valueSaved)} valueStyle={{ fontSize: 20 }} data-testid="value-saved" />
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={c('ledger.title')} style={{ marginTop: 12 }}>
          <ContributionLedger project={p} onSaved={saved} />
        </Card>
        <Card size="small" title={c('milestones.title')} style={{ marginTop: 12 }}>
          <ProjectMilestones project={p} onSaved={saved} />
        </Card>
        <Card size="small" title={c('care.title')} style={{ marginTop: 12 }}>
          <CareTeam project={p} onSaved={saved} />
        </Card>
      </div>
      {dialog === 'edit' && <ProjectEditModal project={p} onSaved={saved} onClose={() => setDialog(null)} />}
      {dialog === 'budget' && <ProjectBudgetModal project={p} onSaved={saved} onClose={() => setDialog(null)} />}
      {(dialog === 'building' || dialog === 'completed' || dialog === 'cancelled') && (
        <ProjectStatusModal project={p} status={dialog} onSaved={saved} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
