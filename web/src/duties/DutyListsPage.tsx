import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_LIST_NAMES, DUTY_LISTS, type DutyItem } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { usePhone } from '../components/use-phone';
import { RegionPicker } from '../people/RegionPicker';
import { DecideModal } from './DecideModal';
import { decideDutyItem, dutyItemsXlsxUrl, listDutyItems } from './duties-api';
import { DutiesTabs } from './DutiesTabs';
import { DutyItemModal } from './DutyItemModal';
import { DutyItemTable } from './DutyItemTable';
import { ListImportButton } from './ListImportButton';
import { RetireModal } from './RetireModal';

type DutyList = DutyItem['list'];
const GROUPS: readonly { key: 'township' | 'village' | 'smallPower'; lists: readonly DutyList[] }[] = [
  { key: 'township', lists: DUTY_LISTS.filter((l) => l.startsWith('township_')) },
  { key: 'village', lists: ['village_main', 'village_assist', 'village_forbidden'] },
  { key: 'smallPower', lists: ['small_power'] },
];

/** 权责清单: the lists in force for a region, grouped; county staff decide proposals and retire items. */
export default function DutyListsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const canManage = hasAnyPermission(me, ['duties.manage']);
  const canPropose = hasAnyPermission(me, ['duties.propose']);
  const level = canManage ? 'county' : me.role === 'township_staff' ? 'township' : 'village';
  const phone = usePhone();
  // The lists of the user's own level open at first; the others stay folded.
  const own: readonly DutyList[] = level === 'township' ? GROUPS[0]!.lists : level === 'village' ? [...GROUPS[1]!.lists, ...GROUPS[2]!.lists] : DUTY_LISTS;
  const [view, setView] = useState<'inForce' | 'pending'>('inForce');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<DutyItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<{ item: DutyItem; approve: boolean } | null>(null);
  const [retiring, setRetiring] = useState<DutyItem | null>(null);

  const load = useCallback(async () => {
    setItems(null);
    try {
      setItems(await listDutyItems({ regionCode, pending: view === 'pending' || undefined }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
      setItems([]);
    }
  }, [regionCode, view]);
  useEffect(() => {
    void load();
  }, [load]);

  const byList = (list: DutyList) => (items ?? []).filter((i) => i.list === list);
  const showRegionPicker = me.role === 'county_staff' || me.role === 'township_staff';

  return (
    <>
      <DutiesTabs />
      <Card
        title={t('duties.lists.title')}
        data-testid="duty-lists-page"
        extra={
          <Flex gap={8} wrap>
            {(canManage || canPropose) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="duty-item-add">
                {canManage ? t('duties.lists.add') : t('duties.lists.propose')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={dutyItemsXlsxUrl(regionCode)} data-testid="duty-items-xlsx">
              {t('duties.common.download')}
            </Button>
            {(canManage || canPropose) && <ListImportButton onDone={() => void load()} />}
          </Flex>
        }
      >
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          {canManage && (
            <Segmented
              data-testid="duty-lists-view"
              value={view}
              onChange={(v) => setView(v as 'inForce' | 'pending')}
              options={[
                { value: 'inForce', label: t('duties.lists.inForce') },
                { value: 'pending', label: t('duties.lists.pending') },
              ]}
            />
          )}
          {showRegionPicker && view === 'inForce' && (
            <RegionPicker value={regionCode} onChange={setRegionCode} allowClear placeholder={t('duties.lists.region')} style={{ minWidth: 220 }} />
          )}
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {items === null ? (
          <Spin />
        ) : view === 'pending' ? (
          <DutyItemTable items={items} pending canManage={canManage} onDecide={(item, approve) => setDeciding({ item, approve })} />
        ) : items.length === 0 ? (
          <Empty description={t('duties.lists.empty')} />
        ) : (
          GROUPS.filter((g) => g.lists.some((l) => byList(l).length > 0)).map((g) => (
            <section key={g.key} data-testid={`duty-group-${g.key}`} style={{ marginBottom: 24 }}>
              <Typography.Title level={4}>{t(`duties.listGroup.${g.key}`)}</Typography.Title>
              <Collapse
                defaultActiveKey={phone ? [] : g.lists.filter((l) => own.includes(l))}
                items={g.lists
                  .filter((l) => byList(l).length > 0)
                  .map((l) => ({
                    key: l,
                    label: (
                      <span data-testid={`duty-list-${l}`}>
                        {DUTY_LIST_NAMES[l]}（{byList(l).length}）
                      </span>
                    ),
                    children: <DutyItemTable items={byList(l)} canManage={canManage} onRetire={setRetiring} />,
                  }))}
              />
            </section>
          ))
        )}
      </Card>
      {adding && (
        <DutyItemModal
          level={level}
          onClose={() => setAdding(false)}
          onDone={() => {
            void message.success(canManage ? t('duties.lists.created') : t('duties.lists.proposed'));
            void load();
          }}
        />
      )}
      {deciding && (
        <DecideModal
          title={t('duties.lists.decideTitle', { name: deciding.item.name })}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
          onSubmit={async ({ approve, note }) => {
            await decideDutyItem(deciding.item.id, { approve, note });
            void message.success(approve ? t('duties.lists.approved') : t('duties.lists.rejectedDone'));
            void load();
          }}
        />
      )}
      {retiring && (
        <RetireModal
          item={retiring}
          onClose={() => setRetiring(null)}
          onDone={() => {
            void message.success(t('duties.lists.retired'));
            void load();
          }}
        />
      )}
    </>
  );
}
