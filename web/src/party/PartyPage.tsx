import { Alert, Card, Empty, Flex } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgTree } from '../../../src/modules/party/schema.ts';
import { errorMessage } from '../api';
import { PageSpinner } from '../components/PageSpinner';
import { OrgPanel } from './OrgPanel';
import { OrgTree } from './OrgTree';
import { getOrgTree } from './party-api';

/** Party organizations of the user's scope: the tree on the left, the selected organization on the right. */
export default function PartyPage() {
  const { t } = useTranslation();
  const [tree, setTree] = useState<PartyOrgTree | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getOrgTree()
      .then((loaded) => {
        if (cancelled) return;
        setTree(loaded);
        setSelected((current) => current ?? loaded.roots[0]?.id ?? null);
      })
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <Flex gap={16} align="flex-start" wrap>
      <Card title={t('party.tree')} style={{ width: 380, flex: 'none' }}>
        {error && <Alert type="error" showIcon title={error} />}
        {!tree && !error && <PageSpinner />}
        {tree && tree.total === 0 && <Empty description={t('party.emptyTree')} />}
        {tree && tree.total > 0 && <OrgTree roots={tree.roots} selectedId={selected} onSelect={setSelected} />}
      </Card>
      <div style={{ flex: 1, minWidth: 420 }}>
        {selected ? (
          <OrgPanel key={selected} orgId={selected} />
        ) : (
          tree && (
            <Card>
              <Empty description={t('party.selectOrg')} />
            </Card>
          )
        )}
      </div>
    </Flex>
  );
}
