import { Alert, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail } from '../../../src/modules/party/schema.ts';
import { errorMessage } from '../api';
import { PageSpinner } from '../components/PageSpinner';
import { EmbeddedMembers } from './EmbeddedMembers';
import { OrgLiaisons } from './OrgLiaisons';
import { OrgMembers } from './OrgMembers';
import { getOrg } from './party-api';

/** One organization: what it is, then its members, its liaison links and the embedded members of its region. */
export function OrgPanel({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState<PartyOrgDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getOrg(orgId)
      .then((o) => !cancelled && setOrg(o))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [orgId]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!org) return <PageSpinner />;
  return (
    <Card
      data-testid="party-org-detail"
      title={
        <Space>
          {org.name}
          <Tag color="red">{t(`party.kind.${org.kind}`)}</Tag>
          {org.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'code', label: t('party.field.code'), children: org.code },
          { key: 'region', label: t('party.field.region'), children: `${org.regionName}（${org.regionCode}）` },
          { key: 'parent', label: t('party.field.parent'), children: org.parentName ?? t('common.empty') },
          { key: 'members', label: t('party.field.memberCount'), children: org.memberCount },
          { key: 'total', label: t('party.field.totalMemberCount'), children: org.totalMemberCount },
          { key: 'probationary', label: t('party.field.probationary'), children: org.probationaryCount },
          { key: 'central', label: t('party.field.central'), children: org.centralHouseholdCount },
          { key: 'children', label: t('party.field.children'), children: org.childCount },
        ]}
      />
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          { key: 'members', label: t('party.tab.members'), children: <OrgMembers orgId={org.id} hasChildren={org.childCount > 0} /> },
          { key: 'liaisons', label: t('party.tab.liaisons'), children: <OrgLiaisons orgId={org.id} /> },
          { key: 'embedded', label: t('party.tab.embedded'), children: <EmbeddedMembers regionCode={org.regionCode} /> },
        ]}
      />
    </Card>
  );
}
