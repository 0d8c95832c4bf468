import { App } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import type { Paging } from './party-api';

/**
 * Loads one page of a list whenever the page, the page size or `key` (the filters) change, and
 * gives the table its pagination. `reload()` fetches the same page again after a change; so does
 * a new `refresh` (a change made elsewhere on the page, e.g. in another tab).
 */
export function usePaged<T extends { total: number }>(load: (paging: Paging) => Promise<T>, key: string, empty: T, initialPageSize = 20, refresh = 0) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: initialPageSize });
  const [data, setData] = useState<T>(empty);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    // New filters start from the first page.
    setLastKey(key);
    setPaging((p) => ({ ...p, page: 1 }));
  }

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    load(paging)
      .then((d) => !cancelled && setData(d))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
    // `load` is a fresh closure each render; `key` stands for what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paging, key, tick, refresh, message]);

  const pagination: TablePaginationConfig = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data.total,
    showSizeChanger: true,
    showTotal: (total) => t('common.total', { total }),
    onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
  };
  return { data, loading, pagination, reload: () => setTick((n) => n + 1) };
}
