import { Alert, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail, PartyOrgNode } from '../../../src/modules/party/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { PageSpinner } from '../components/PageSpinner';
import { EmbeddedMembers } from './EmbeddedMembers';
import { OrgActions } from './OrgActions';
import { OrgLiaisons } from './OrgLiaisons';
import { OrgMembers } from './OrgMembers';
import { getOrg } from './party-api';

interface OrgPanelProps {
  orgId: string;
  /** The tree, for the organizations a member may move to and an organization may move under. */
  roots: PartyOrgNode[];
  /** Something changed that the tree shows (a name, a member count); `select` as in OrgActions. */
  onChanged(select?: string | null): void;
}

/** One organization: what it is, then its members, its liaison links and the embedded members of its region. */
export function OrgPanel({ orgId, roots, onChanged }: OrgPanelProps) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = me.permissions.includes('party.edit');
  const [org, setOrg] = useState<PartyOrgDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after every change made here: the detail, the tree and the other tabs load again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    getOrg(orgId)
      .then((o) => !cancelled && setOrg(o))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [orgId, version]);

  const changed = (select?: string | null) => {
    setVersion((v) => v + 1);
    onChanged(select);
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!org) return <PageSpinner />;
  const dissolvedOn = org.dissolvedOn;
  const editable = canEdit && !dissolvedOn;
  return (
    <Card
      data-testid="party-org-detail"
      title={
        <Space>
          <span data-testid="org-title">{org.name}</span>
          <Tag color="red">{t(`party.kind.${org.kind}`)}</Tag>
          {dissolvedOn && <Tag>{t('party.dissolve.dissolvedTag', { on: dissolvedOn })}</Tag>}
          {org.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      }
      extra={editable && <OrgActions org={org} roots={roots} onChanged={changed} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'code', label: t('party.field.code'), children: org.code },
          { key: 'region', label: t('party.field.region'), children: `${org.regionName}（${org.regionCode}）` },
          { key: 'parent', label: t('party.field.parent'), children: org.parentName ?? t('common.empty') },
          { key: 'members', label: t('party.field.memberCount'), children: <span data-testid="org-member-count">{org.memberCount}</span> },
          { key: 'total', label: t('party.field.totalMemberCount'), children: org.totalMemberCount },
          { key: 'probationary', label: t('party.field.probationary'), children: org.probationaryCount },
          { key: 'central', label: t('party.field.central'), children: org.centralHouseholdCount },
          { key: 'children', label: t('party.field.children'), children: org.childCount },
          ...(dissolvedOn ? [{ key: 'dissolved', label: t('party.dissolve.reason'), children: org.dissolveReason ?? t('common.empty') }] : []),
        ]}
      />
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'members',
            label: t('party.tab.members'),
            children: <OrgMembers org={org} canEdit={editable} roots={roots} version={version} onChanged={() => changed()} />,
          },
          {
            key: 'liaisons',
            label: t('party.tab.liaisons'),
            children: <OrgLiaisons org={org} canEdit={editable} version={version} onChanged={() => changed()} />,
          },
          { key: 'embedded', label: t('party.tab.embedded'), children: <EmbeddedMembers org={org} canEdit={canEdit} /> },
        ]}
      />
    </Card>
  );
}
