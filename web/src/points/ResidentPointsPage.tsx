import { Alert, Button, Card, Flex, InputNumber, List, Modal, Popconfirm, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Pass } from '../../../src/modules/cocreation/pass-schema.ts';
import type { Redemption, ShopItem, Statement } from '../../../src/modules/points/points-schema.ts';
import type { HoursRecord } from '../../../src/modules/points/timebank-schema.ts';
import { ApiError } from '../api';
import { forgetPass, savedPass } from '../cocreation/resident/pass';
import { PassForm } from '../cocreation/resident/PassForm';
import { recentMonths, Refusal } from './common';
import { myConfirm, myHours, myRedeem, myShop, myStatement } from './points-api';
import { ResidentRedemptions } from './ResidentRedemptions';
import { ResidentVolunteerCard } from './ResidentVolunteerCard';
import { MonthSelect, StatementView } from './StatementView';

/**
 * The resident's points page (/v/<village code>/points), with the co-creation pass: the
 * household's balance and monthly statement, the points shop with a redeem button, the hours
 * volunteers gave them, those waiting with a confirm button, and — for a volunteer — their own
 * hours. No ids, codes or field names shown.
 */
export default function ResidentPointsPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [pass, setPass] = useState<Pass | undefined>(() => savedPass(villageCode));
  const signOut = () => {
    forgetPass(villageCode);
    setPass(undefined);
  };
  /** A refused pass (expired, another village's) asks for it again. */
  const onError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401 && err.details.field === 'pass') {
        forgetPass(villageCode);
        setPass(undefined);
        return true;
      }
      return false;
    },
    [villageCode],
  );
  const [reloadKey, setReloadKey] = useState(0);
  const changed = () => setReloadKey((k) => k + 1);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 640, minWidth: 0 }} data-testid="resident-points">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('points.resident.title', { village: pass?.villageName ?? '' })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('points.resident.intro')}</Typography.Text>
      <Link to={`/v/${villageCode}`} data-testid="resident-points-back">
        {t('points.resident.back')}
      </Link>
      {!pass ? (
        <PassForm villageCode={villageCode} onPass={setPass} />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text data-testid="pass-name-shown">{t('cocreation.pass.signedIn', { name: pass.name })}</Typography.Text>
            <Button size="small" onClick={signOut} data-testid="pass-sign-out">
              {t('cocreation.pass.signOut')}
            </Button>
          </Flex>
          <BalanceCard villageCode={villageCode} reloadKey={reloadKey} onError={onError} />
          <ShopCard villageCode={villageCode} pass={pass} reloadKey={reloadKey} onError={onError} onRedeemed={changed} />
          <ResidentRedemptions villageCode={villageCode} adult={pass.adult} reloadKey={reloadKey} onError={onError} onChanged={changed} />
          <HoursCard villageCode={villageCode} onError={onError} />
          <ResidentVolunteerCard villageCode={villageCode} reloadKey={reloadKey} onError={onError} />
        </>
      )}
    </Space>
  );
}

interface CardProps {
  villageCode: string;
  onError(err: unknown): boolean;
}

function BalanceCard({ villageCode, reloadKey, onError }: CardProps & { reloadKey: number }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(recentMonths(1)[0]);
  const [statement, setStatement] = useState<Statement>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setError(undefined);
    myStatement(villageCode, month).then(setStatement, (err: unknown) => !onError(err) && setError(err));
  }, [villageCode, month, reloadKey, onError]);
  return (
    <Card title={t('points.resident.balance')} size="small" data-testid="resident-balance-card" extra={<MonthSelect value={month} onChange={setMonth} />}>
      <Refusal error={error} testId="resident-balance-error" />
      {statement && (
        <>
          <Statistic
            title={t('points.resident.balanceNow')}
            value={statement.account.balance}
            style={{ marginBottom: 12 }}
            data-testid="resident-balance"
            data-balance={statement.account.balance}
          />
          <Typography.Title level={5}>{t('points.statement.title')}</Typography.Title>
          <StatementView statement={statement} />
        </>
      )}
    </Card>
  );
}

function ShopCard({ villageCode, pass, reloadKey, onError, onRedeemed }: CardProps & { pass: Pass; reloadKey: number; onRedeemed(): void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ShopItem[]>();
  const [error, setError] = useState<unknown>();
  const [redeeming, setRedeeming] = useState<ShopItem>();
  const [done, setDone] = useState<Redemption>();
  useEffect(() => {
    myShop(villageCode).then(
      (list) => setItems(list.filter((i) => i.active)),
      (err: unknown) => !onError(err) && setError(err),
    );
  }, [villageCode, reloadKey, onError]);
  return (
    <Card title={t('points.resident.shop')} size="small" data-testid="resident-shop">
      <Refusal error={error} testId="resident-shop-error" />
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setDone(undefined)}
          style={{ marginBottom: 12 }}
          data-testid="resident-redeem-done"
          title={t('points.resident.redeemDone', { item: done.itemName, quantity: done.quantity, balance: done.balance })}
        />
      )}
      {!pass.adult && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('points.resident.adultOnly')} />}
      <List
        size="small"
        loading={!items && !error}
        dataSource={items ?? []}
        locale={{ emptyText: t('points.common.empty') }}
        renderItem={(i) => (
          <List.Item data-testid="resident-item" data-name={i.name} data-price={i.price} data-stock={i.stock}>
            <Flex justify="space-between" align="center" gap={8} style={{ width: '100%', minWidth: 0 }}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {i.name}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('points.resident.price', { price: i.price })} ·{' '}
                  {i.stock > 0 ? t('points.resident.stock', { stock: i.stock }) : t('points.resident.soldOut')}
                </Typography.Text>
              </div>
              <Button
                type="primary"
                size="small"
                disabled={!pass.adult}
                onClick={() => {
                  setDone(undefined);
                  setRedeeming(i);
                }}
                style={{ flex: 'none' }}
                data-testid="resident-redeem"
              >
                {t('points.resident.redeem')}
              </Button>
            </Flex>
          </List.Item>
        )}
      />
      {redeeming && (
        <RedeemDialog
          villageCode={villageCode}
          item={redeeming}
          onError={onError}
          onDone={(r) => {
            setDone(r);
            setRedeeming(undefined);
            onRedeemed();
          }}
          onClose={() => setRedeeming(undefined)}
        />
      )}
    </Card>
  );
}

/** "Redeem this?" with a quantity; a refusal (too few points, out of stock) stays in the dialog in the server's words. */
function RedeemDialog({ villageCode, item, onError, onDone, onClose }: CardProps & { item: ShopItem; onDone(r: Redemption): void; onClose(): void }) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();
  const submit = async () => {
    setBusy(true);
    setRefusal(undefined);
    try {
      onDone(await myRedeem(villageCode, item.id, quantity));
    } catch (err) {
      if (onError(err)) onClose();
      else setRefusal(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('points.resident.redeemTitle', { item: item.name })}
      okText={t('points.resident.redeemConfirm')}
      cancelText={t('points.common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'resident-redeem-submit' }}
      width="min(420px, calc(100vw - 32px))"
      destroyOnHidden
    >
      <Refusal error={refusal} testId="resident-redeem-refusal" />
      <Typography.Paragraph>{t('points.resident.redeemText', { price: item.price, stock: item.stock })}</Typography.Paragraph>
      <Flex align="center" gap={8}>
        <Typography.Text>{t('points.shop.counter.quantity')}</Typography.Text>
        <InputNumber min={1} max={100} precision={0} value={quantity} onChange={(v) => setQuantity(v ?? 1)} data-testid="resident-redeem-quantity" />
      </Flex>
    </Modal>
  );
}

function HoursCard({ villageCode, onError }: CardProps) {
  const { t } = useTranslation();
  const [hours, setHours] = useState<HoursRecord[]>();
  const [error, setError] = useState<unknown>();
  const [reloadKey, setReloadKey] = useState(0);
  useEffect(() => {
    myHours(villageCode).then(setHours, (err: unknown) => !onError(err) && setError(err));
  }, [villageCode, reloadKey, onError]);
  const confirm = async (h: HoursRecord) => {
    setError(undefined);
    try {
      await myConfirm(villageCode, h.id);
      setReloadKey((k) => k + 1);
    } catch (err) {
      if (!onError(err)) setError(err);
    }
  };
  const pending = (hours ?? []).filter((h) => h.status === 'logged');
  const confirmed = (hours ?? []).filter((h) => h.status === 'confirmed');
  const line = (h: HoursRecord) => (
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      {h.volunteerName} · {t(`points.category.${h.category}`)} · {t('points.common.hours', { n: h.hours })}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {h.servedOn} · {h.activity}
      </Typography.Text>
    </div>
  );
  return (
    <Card title={t('points.resident.hours')} size="small" data-testid="resident-hours">
      <Typography.Paragraph type="secondary">{t('points.resident.hoursIntro')}</Typography.Paragraph>
      <Refusal error={error} testId="resident-confirm-refusal" />
      {hours && hours.length === 0 && <Typography.Text type="secondary">{t('points.resident.noHours')}</Typography.Text>}
      {pending.length > 0 && (
        <>
          <Typography.Title level={5}>{t('points.resident.toConfirm')}</Typography.Title>
          <List
            size="small"
            dataSource={pending}
            renderItem={(h) => (
              <List.Item data-testid="resident-hours-pending" data-volunteer={h.volunteerName} data-hours={h.hours}>
                <Flex justify="space-between" align="center" gap={8} style={{ width: '100%', minWidth: 0 }}>
                  {line(h)}
                  <Popconfirm
                    title={t('points.resident.confirmTitle')}
                    description={t('points.resident.confirmText', { volunteer: h.volunteerName, date: h.servedOn, activity: h.activity, hours: h.hours })}
                    okText={t('points.resident.confirm')}
                    cancelText={t('points.common.cancel')}
                    onConfirm={() => confirm(h)}
                    okButtonProps={{ 'data-testid': 'resident-confirm-submit' }}
                  >
                    <Button type="primary" size="small" style={{ flex: 'none' }} data-testid="resident-confirm">
                      {t('points.resident.confirm')}
                    </Button>
                  </Popconfirm>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      {confirmed.length > 0 && (
        <>
          <Typography.Title level={5}>{t('points.resident.confirmed')}</Typography.Title>
          <List
            size="small"
            dataSource={confirmed}
            renderItem={(h) => (
              <List.Item data-testid="resident-hours-confirmed" data-volunteer={h.volunteerName} data-hours={h.hours}>
                {line(h)}
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
