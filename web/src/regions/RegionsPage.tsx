import { Alert, Card, Flex } from 'antd';
import { useEffect, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { PageSpinner } from '../components/PageSpinner';
import { RegionDetails } from './RegionDetails';
import { RegionTree } from './RegionTree';
import { useRegionStore } from './use-region-store';

/** Region tree rooted at the user's own region; the selected code lives in the URL. */
export default function RegionsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code } = useParams();
  const rootCode = me.regionCode;
  const selectedCode = code ?? rootCode;
  const store = useRegionStore();
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([rootCode]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  // Load the selection, open the tree down to it (deep links too), and load its children.
  useEffect(() => {
    let cancelled = false;
    setError(null);
    setLoading(true);
    (async () => {
      await store.load(rootCode);
      const path = await store.loadPath(selectedCode, rootCode);
      await store.loadChildren(selectedCode);
      if (!cancelled) setExpandedKeys((prev) => [...new Set([...prev, ...path])]);
    })()
      .catch((err: unknown) => {
        if (!cancelled) setError(errorMessage(err));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [store, rootCode, selectedCode]);

  const select = (next: string) => {
    if (next !== selectedCode) navigate(`/regions/${next}`);
  };
  const region = store.get(selectedCode);

  return (
    <Flex gap={16} align="flex-start" wrap>
      <Card title={t('region.tree')} style={{ width: 340, flex: 'none' }} styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
        {store.get(rootCode) ? (
          <RegionTree rootCode={rootCode} store={store} selectedCode={selectedCode} expandedKeys={expandedKeys} onExpand={setExpandedKeys} onSelect={select} />
        ) : (
          !error && <PageSpinner />
        )}
      </Card>
      <div style={{ flex: 1, minWidth: 360 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {region ? (
          <RegionDetails region={region} subregions={store.childrenOf(selectedCode)} loading={loading} onSelect={select} onChanged={store.refresh} />
        ) : (
          !error && <PageSpinner />
        )}
      </div>
    </Flex>
  );
}
