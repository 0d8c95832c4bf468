import { Alert, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Redemption, ShopItem } from '../../../src/modules/points/points-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { HouseholdInForm, PickVillageHint, PointsTabs, Refusal, useVillage, VillagePicker } from './common';
import { createItem, listItems, redeemAtCounter, restockItem, updateItem } from './points-api';
import { RedemptionsCard } from './RedemptionsCard';

type ItemModal = { kind: 'create' } | { kind: 'restock' | 'price'; item: ShopItem };

/** 爱心超市 (/points/shop): the items (put on the shelf, price, restock / write off), the counter and the redemptions (hand over or cancel). */
export default function ShopPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['points.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [items, setItems] = useState<ShopItem[] | null>(null);
  const [error, setError] = useState<string>();
  const [modal, setModal] = useState<ItemModal | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((k) => k + 1);

  const load = useCallback(() => {
    if (!villageCode) return;
    setItems(null);
    setError(undefined);
    listItems(villageCode).then(setItems, (err: unknown) => {
      setError(errorMessage(err));
      setItems([]);
    });
  }, [villageCode]);
  useEffect(load, [load, reloadKey]);

  const setActive = async (item: ShopItem, active: boolean) => {
    try {
      await updateItem(item.id, { active });
      reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const columns: ColumnsType<ShopItem> = [
    {
      key: 'name',
      title: t('points.shop.field.name'),
      render: (_, i) => (
        <Space size={4} wrap>
          {i.name}
          {!i.active && <Tag>{t('points.shop.inactive')}</Tag>}
        </Space>
      ),
    },
    { key: 'price', title: t('points.shop.field.price'), width: 100, render: (_, i) => t('points.common.points', { n: i.price }) },
    { key: 'stock', title: t('points.shop.field.stock'), width: 80, render: (_, i) => i.stock },
    {
      key: 'actions',
      title: '',
      width: 260,
      render: (_, i) =>
        mayEdit ? (
          <Space size={4} wrap>
            <Button size="small" onClick={() => setModal({ kind: 'restock', item: i })} data-testid="item-restock">
              {t('points.shop.restock')}
            </Button>
            <Button size="small" onClick={() => setModal({ kind: 'price', item: i })} data-testid="item-price">
              {t('points.shop.editPrice')}
            </Button>
            <Button size="small" onClick={() => void setActive(i, !i.active)} data-testid="item-toggle">
              {i.active ? t('points.shop.deactivate') : t('points.shop.activate')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PointsTabs />
      <div data-testid="points-shop-page">
        <Typography.Paragraph type="secondary">{t('points.shop.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
        </Flex>
        {!villageCode ? (
          <PickVillageHint />
        ) : (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {mayEdit && <Counter items={(items ?? []).filter((i) => i.active)} onDone={reload} />}
            <Card
              size="small"
              title={t('points.shop.items')}
              extra={
                mayEdit && (
                  <Button type="primary" size="small" onClick={() => setModal({ kind: 'create' })} data-testid="item-create-open">
                    {t('points.shop.create')}
                  </Button>
                )
              }
            >
              <ResponsiveList<ShopItem>
                columns={columns}
                dataSource={items ?? undefined}
                loading={items === null}
                rowKey="id"
                size="small"
                pagination={false}
                locale={{ emptyText: t('points.common.empty') }}
                onRow={(i) => ({
                  'data-testid': 'item-row',
                  'data-name': i.name,
                  'data-price': i.price,
                  'data-stock': i.stock,
                  'data-status': i.active ? 'active' : 'inactive',
                })}
              />
            </Card>
            <RedemptionsCard villageCode={villageCode} mayEdit={mayEdit} reloadKey={reloadKey} onChanged={reload} />
          </Space>
        )}
      </div>
      {modal?.kind === 'create' && villageCode && <CreateItemModal villageCode={villageCode} onDone={reload} onClose={() => setModal(null)} />}
      {modal?.kind === 'restock' && <RestockModal item={modal.item} onDone={reload} onClose={() => setModal(null)} />}
      {modal?.kind === 'price' && <PriceModal item={modal.item} onDone={reload} onClose={() => setModal(null)} />}
    </>
  );
}

interface CounterForm {
  householdId: string;
  itemId: string;
  quantity: number;
}

/** The counter (兑换台): a household takes items for its points; a refusal shows here, in the server's words. */
function Counter({ items, onDone }: { items: ShopItem[]; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CounterForm>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();
  const [done, setDone] = useState<Redemption>();
  const submit = async (v: CounterForm) => {
    setBusy(true);
    setRefusal(undefined);
    setDone(undefined);
    try {
      setDone(await redeemAtCounter({ householdId: v.householdId, itemId: v.itemId, quantity: v.quantity }));
      onDone();
    } catch (err) {
      setRefusal(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('points.shop.counter.title')} data-testid="shop-counter">
      <Refusal error={refusal} testId="redeem-refusal" />
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="redeem-done"
          title={t('points.shop.counter.done', {
            item: done.itemName,
            quantity: done.quantity,
            points: done.points,
            balance: done.balance,
            stock: done.stock,
          })}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ quantity: 1 }} onFinish={(v) => void submit(v)}>
        <Flex gap={8} wrap align="end">
          <Form.Item name="householdId" label={t('points.shop.counter.household')} rules={[{ required: true }]} style={{ flex: 2, minWidth: 220 }}>
            <HouseholdInForm testId="counter-household" />
          </Form.Item>
          <Form.Item name="itemId" label={t('points.shop.counter.item')} rules={[{ required: true }]} style={{ flex: 2, minWidth: 200 }}>
            <Select
              data-testid="counter-item"
              showSearch={{ optionFilterProp: 'label' }}
              options={items.map((i) => ({ value: i.id, label: t('points.shop.counter.itemOption', { name: i.name, price: i.price, stock: i.stock }) }))}
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('points.shop.counter.quantity')} rules={[{ required: true }]} style={{ width: 100 }}>
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="counter-quantity" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="counter-submit">
              {t('points.shop.counter.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  );
}

function CreateItemModal({ villageCode, onDone, onClose }: { villageCode: string; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; price: number; stock: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await createItem({ villageCode, name: v.name.trim(), price: v.price, stock: v.stock });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('points.shop.create')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'item-create-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="item-create-refusal" />
      <Form form={form} layout="vertical" initialValues={{ stock: 0 }}>
        <Form.Item name="name" label={t('points.shop.field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="item-name" />
        </Form.Item>
        <Form.Item name="price" label={t('points.shop.field.price')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="item-price-input" />
        </Form.Item>
        <Form.Item name="stock" label={t('points.shop.field.firstStock')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="item-stock" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Restock (+) or write off (−), always with a reason; the stock never goes below zero (the server says so). */
function RestockModal({ item, onDone, onClose }: { item: ShopItem; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ quantity: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await restockItem(item.id, { quantity: v.quantity, reason: v.reason.trim() });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('points.shop.restock')} · ${item.name}`}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'restock-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="restock-refusal" />
      <Typography.Paragraph type="secondary">
        {t('points.shop.field.stock')}: {item.stock}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="quantity"
          label={t('points.shop.field.quantity')}
          rules={[
            { required: true },
            { validator: (_, v: number | undefined) => (v === 0 ? Promise.reject(new Error(t('points.shop.nonZero'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber min={-100000} max={100000} precision={0} style={{ width: '100%' }} data-testid="restock-quantity" />
        </Form.Item>
        <Form.Item name="reason" label={t('points.shop.field.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="restock-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PriceModal({ item, onDone, onClose }: { item: ShopItem; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ price: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await updateItem(item.id, { price: v.price });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('points.shop.editPrice')} · ${item.name}`}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'price-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="price-refusal" />
      <Form form={form} layout="vertical" initialValues={{ price: item.price }}>
        <Form.Item name="price" label={t('points.shop.field.price')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="price-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
