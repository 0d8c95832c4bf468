import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PartyOrgTree } from '../../../src/modules/party/schema.ts';
import { errorMessage } from '../api';
import { PageSpinner } from '../components/PageSpinner';
import { usePhone } from '../components/use-phone';
import { OrgPanel } from './OrgPanel';
import { OrgTree } from './OrgTree';
import { getOrgTree, orgsXlsxUrl } from './party-api';

/**
 * Party organizations of the user's scope: the tree on the left, the selected organization on the
 * right. The selection lives in the address (?org=…), so a reload or a shared link shows the same one.
 */
export default function PartyPage() {
  const { t } = useTranslation();
  const [tree, setTree] = useState<PartyOrgTree | null>(null);
  const [params, setParams] = useSearchParams();
  const selected = params.get('org') ?? tree?.roots[0]?.id ?? null;
  const setSelected = (id: string | null) => setParams(id ? { org: id } : {}, { replace: true });
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const phone = usePhone();

  useEffect(() => {
    let cancelled = false;
    getOrgTree()
      .then((loaded) => {
        if (!cancelled) setTree(loaded);
      })
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [version]);

  /** An organization or its members changed: load the tree again (names, counts), and show `select` if given. */
  const changed = (select?: string | null) => {
    if (select !== undefined) setSelected(select);
    setVersion((v) => v + 1);
  };

  return (
    <Flex gap={16} align="flex-start" wrap>
      <Card
        title={t('party.tree')}
        extra={
          <Button size="small" icon={<DownloadOutlined />} href={orgsXlsxUrl()} data-testid="party-orgs-xlsx">
            {t('common.exportXlsx')}
          </Button>
        }
        style={{ width: phone ? '100%' : 380, flex: 'none' }}
      >
        {error && <Alert type="error" showIcon title={error} />}
        {!tree && !error && <PageSpinner />}
        {tree && tree.total === 0 && <Empty description={t('party.emptyTree')} />}
        {tree && tree.total > 0 && <OrgTree roots={tree.roots} selectedId={selected} onSelect={setSelected} />}
      </Card>
      <div style={{ flex: 1, minWidth: phone ? '100%' : 420, maxWidth: '100%' }}>
        {selected ? (
          <OrgPanel key={selected} orgId={selected} roots={tree?.roots ?? []} onChanged={changed} />
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
