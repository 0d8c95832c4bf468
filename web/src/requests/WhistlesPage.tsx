import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Statistic } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WhistleBoard } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { listWhistles, whistlesXlsxUrl } from './requests-api';
import { isMyCall } from './WhistleCallButtons';
import { WhistleCallTable } from './WhistleCallTable';

/**
 * 吹哨报到: the township's open whistles — which departments were summoned, by when they must
 * report in, who did and who is late. A department's staff answer their own calls from here.
 */
export default function WhistlesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(true);
  const [board, setBoard] = useState<WhistleBoard>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBoard(await listWhistles(open));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [open]);

  useEffect(() => {
    void load();
  }, [load]);

  const waiting = board.items.filter((c) => !c.reportedAt).length;
  const late = board.items.filter((c) => c.late).length;
  const mine = board.items.filter((c) => isMyCall(me, c) && !c.partDoneAt).length;

  return (
    <Card
      title={t('nav.whistles')}
      extra={
        <Flex gap={8}>
          <Segmented<'open' | 'all'>
            value={open ? 'open' : 'all'}
            onChange={(v) => setOpen(v === 'open')}
            options={[
              { value: 'open', label: t('requests.whistles.open') },
              { value: 'all', label: t('requests.whistles.all') },
            ]}
          />
          <Button icon={<DownloadOutlined />} href={whistlesXlsxUrl(open)} data-testid="whistles-xlsx">
            {t('common.exportXlsx')}
          </Button>
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('requests.list.refresh')} />
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Flex gap={48} style={{ marginBottom: 16 }}>
        <Statistic title={t('requests.whistles.calls')} value={board.totalCapped ? `${board.total}+` : board.total} />
        <Statistic title={t('requests.whistles.waiting')} value={waiting} />
        <Statistic title={t('requests.whistles.lateCount')} value={late} styles={{ content: { color: late ? '#cf1322' : undefined } }} />
        {me.departmentId && <Statistic title={t('requests.whistles.mineOpen')} value={mine} />}
      </Flex>
      <WhistleCallTable data-testid="whistle-board" withOrder calls={board.items} loading={loading} onChanged={() => void load()} />
    </Card>
  );
}
