import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { HouseholdDetail, Resident } from '../../../src/modules/people/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { AddMemberModal } from './AddMemberModal';
import { EditPlacementModal } from './EditPlacementModal';
import { MembersTable, type MemberAction } from './MembersTable';
import { getHousehold } from './people-api';
import { ResidentEventModal } from './ResidentEventModal';
import { RevealModal } from './RevealModal';
import { DemoTag, TagList } from './TagList';

/** One household: where it is, who lives there, and the registry work done on its members. */
export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canEdit = me.permissions.includes('people.edit');
  const canReveal = me.permissions.includes('people.reveal');

  const [household, setHousehold] = useState<HouseholdDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [revealing, setRevealing] = useState<Resident | null>(null);
  const [changing, setChanging] = useState<{ resident: Resident; kind: MemberAction } | null>(null);

  useEffect(() => {
    let cancelled = false;
    getHousehold(id)
      .then((h) => {
        if (cancelled) return;
        setHousehold(h);
        setError(null);
      })
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [id, reloadTick]);

  const reload = () => setReloadTick((n) => n + 1);

  if (error) {
    return (
      <Card>
        <Alert type="error" showIcon title={error} action={<Link to="/people">{t('people.household.back')}</Link>} />
      </Card>
    );
  }
  if (!household || household.id !== id) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="household-detail">
      <Card
        title={
          <>
            {household.address}
            <DemoTag synthetic={household.synthetic} />
          </>
        }
        extra={
          <Space>
            {canEdit && (
              <Button icon={<EnvironmentOutlined />} onClick={() => setPlacing(true)} data-testid="household-edit-placement">
                {t('people.household.editPlacement')}
              </Button>
            )}
            <Link to="/people">{t('people.household.back')}</Link>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('people.household.village')}>{household.villageName}</Descriptions.Item>
          <Descriptions.Item label={t('people.household.grid')}>
            <span data-testid="household-grid">{household.gridCode ?? t('people.household.noGrid')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.group')}>
            <span data-testid="household-group">{household.groupName ?? t('people.household.noGroup')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.building')}>
            <span data-testid="household-building">{household.buildingName ?? t('people.household.noBuilding')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.head')}>
            {household.headName ?? <Typography.Text type="secondary">{t('people.household.noHead')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.memberCount')}>{household.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('people.household.tags')} span={2}>
            <TagList tags={household.tags} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('people.household.members')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add">
              {t('people.household.addMember')}
            </Button>
          )
        }
      >
        <MembersTable
          members={household.members}
          canEdit={canEdit}
          canReveal={canReveal}
          onReveal={setRevealing}
          onAction={(resident, kind) => setChanging({ resident, kind })}
          version={reloadTick}
        />
      </Card>
      {canReveal && <RevealModal resident={revealing} onClose={() => setRevealing(null)} />}
      {canEdit && placing && (
        <EditPlacementModal
          household={household}
          onClose={() => setPlacing(false)}
          onSaved={(h) => {
            setPlacing(false);
            void message.success(t('people.household.placementSaved', { address: h.address }));
            reload();
          }}
        />
      )}
      {canEdit && (
        <>
          <ResidentEventModal
            change={changing}
            householdId={household.id}
            onClose={() => setChanging(null)}
            onDone={(r, kind) => {
              setChanging(null);
              void message.success(t(`people.change.done.${kind}`, { name: r.name }));
              reload();
            }}
          />
          <AddMemberModal
            open={adding}
            householdId={household.id}
            onClose={() => setAdding(false)}
            onAdded={(r) => {
              setAdding(false);
              void message.success(t('people.addMember.done', { name: r.name }));
              reload();
            }}
          />
        </>
      )}
    </Space>
  );
}
