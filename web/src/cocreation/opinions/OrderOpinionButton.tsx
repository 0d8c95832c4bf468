import { BulbOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WorkOrderDetail } from '../../../../src/modules/requests/schema.ts';
import { errorMessage } from '../../api';
import { hasAnyPermission, useMe } from '../../auth';
import { opinionFromOrder } from './opinions-api';

/**
 * One click on a "suggestion" work order turns it into a co-creation opinion of its village (the
 * order's timeline records it); shown only to those who record opinions, and only once.
 */
export function OrderOpinionButton({ order, onDone }: { order: WorkOrderDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (order.requestType !== 'suggestion' || !hasAnyPermission(me, ['cocreation.opinion'])) return null;
  if (order.timeline.some((e) => e.action === 'cocreation_opinion')) return null;
  const run = async () => {
    setBusy(true);
    try {
      await opinionFromOrder(order.number);
      void message.success(t('cocreationOpinions.fromOrder.done'));
      onDone();
      void navigate('/cocreation/opinions');
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<BulbOutlined />} loading={busy} onClick={() => void run()} data-testid="order-to-opinion">
      {t('cocreationOpinions.fromOrder.button')}
    </Button>
  );
}
