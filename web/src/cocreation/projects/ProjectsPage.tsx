import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ProjectListItem } from '../../../../src/modules/cocreation/project-schema.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { ResponsiveList } from '../../components/ResponsiveList';
import { CocreationTabs } from '../CocreationTabs';
import { ProjectCreateModal } from './ProjectCreateModal';
import { PROJECT_STATUS_COLOR, useProjectText } from './ProjectStatusTag';
import { listProjects, projectsXlsxUrl } from './projects-api';

type Filter = ProjectListItem['status'] | 'all';
const FILTERS: readonly Filter[] = ['all', 'planned', 'building', 'completed', 'cancelled'];
const EDITORS = ['county_staff', 'township_staff', 'village_cadre'];

/** 发展共建: the projects of the cadre's area by status, with the funds and labour residents gave. */
export default function ProjectsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const [rows, setRows] = useState<ProjectListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The meeting and vote pages link here to open a project: ?resolutionId=…&voteOptionId=…&villageCode=…&title=…
  const [params] = useSearchParams();
  const initial = Object.fromEntries(['resolutionId', 'voteOptionId', 'villageCode', 'title'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const [creating, setCreating] = useState(!!(initial.resolutionId || initial.voteOptionId));
  const c = useProjectText();
  const { t } = useTranslation();

  const load = useCallback(() => {
    setRows(null);
    listProjects(filter === 'all' ? {} : { status: filter }).then(setRows, (err: unknown) => {
      setError(errorMessage(err));
      setRows([]);
    });
  }, [filter]);
  useEffect(load, [load]);

  const columns: ColumnsType<ProjectListItem> = [
    { key: 'title', title: c('col.title'), render: (_, r) => <Link to={`/cocreation/projects/${r.id}`}>{r.title}</Link> },
    { key: 'village', title: c('col.village'), width: 120, render: (_, r) => r.villageName },
    { key: 'status', title: c('col.status'), width: 90, render: (_, r) => <Tag color={PROJECT_STATUS_COLOR[r.status]}>{c(`status.${r.status}`)}</Tag> },
    { key: 'progress', title: c('col.progress'), width: 130, render: (_, r) => <Progress percent={r.progress} size="small" /> },
    { key: 'money', title: c('col.money'), width: 120, render: (_, r) => c('yuan', { n: r.totals.money.toLocaleString() }) },
    { key: 'labour', title: c('col.labour'), width: 120, render: (_, r) => c('days', { n: r.totals.labourDays }) },
    { key: 'saved', title: c('col.saved'), width: 120, render: (_, r) => c('yuan', { n: r.totals.valueSaved.toLocaleString() }) },
  ];

  return (
    <>
      <CocreationTabs />
      <div data-testid="projects-page">
        <Typography.Paragraph type="secondary">{c('intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          title={
            <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
              <Segmented<Filter>
                value={filter}
                onChange={setFilter}
                options={FILTERS.map((s) => ({ value: s, label: s === 'all' ? c('all') : c(`status.${s}`) }))}
              />
            </div>
          }
          extra={
            <Space>
              <Button icon={<DownloadOutlined />} href={projectsXlsxUrl(filter === 'all' ? {} : { status: filter })} data-testid="projects-xlsx">
                {t('common.exportXlsx')}
              </Button>
              {EDITORS.includes(me.role) && (
                <Button type="primary" onClick={() => setCreating(true)} data-testid="project-new">
                  {c('new')}
                </Button>
              )}
            </Space>
          }
          styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
        >
          <ResponsiveList<ProjectListItem>
            columns={columns}
            dataSource={rows ?? undefined}
            loading={rows === null}
            rowKey="id"
            size="small"
            locale={{ emptyText: c('empty') }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(r) => ({ 'data-testid': 'project-row', 'data-title': r.title, 'data-status': r.status })}
            renderCard={(r) => (
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={`/cocreation/projects/${r.id}`}>{r.title}</Link>
                  <Tag color={PROJECT_STATUS_COLOR[r.status]}>{c(`status.${r.status}`)}</Tag>
                </Space>
                <Typography.Text type="secondary">{r.villageName}</Typography.Text>
                <Progress percent={r.progress} size="small" />
                <Typography.Text>
                  {c('col.money')} {c('yuan', { n: r.totals.money.toLocaleString() })} · {c('col.labour')} {c('days', { n: r.totals.labourDays })}
                </Typography.Text>
              </Space>
            )}
          />
        </Card>
      </div>
      {creating && <ProjectCreateModal initial={initial} onClose={() => setCreating(false)} onCreated={(p) => navigate(`/cocreation/projects/${p.id}`)} />}
    </>
  );
}
