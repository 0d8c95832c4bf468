import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyMember } from '../../../src/modules/party/schema.ts';
import { listOrgMembers } from './party-api';

interface MemberSelectProps {
  /** Members of this organization and of those below it are offered. */
  orgId: string;
  id?: string;
  value?: string;
  onChange?(id: string | undefined): void;
  'data-testid'?: string;
}

/** Picks a current member of an organization (a village's few hundred at most, filtered in the browser). */
export function MemberSelect({ orgId, id, value, onChange, ...rest }: MemberSelectProps) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<PartyMember[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    listOrgMembers(orgId, { page: 1, pageSize: 200 }, { includeSubOrgs: true, includeEnded: false })
      .then((page) => !cancelled && setMembers(page.items))
      .catch(() => !cancelled && setMembers([]));
    return () => {
      cancelled = true;
    };
  }, [orgId]);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={members === null}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('party.liaisonForm.memberPlaceholder')}
      options={(members ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))}
      data-testid={rest['data-testid']}
    />
  );
}
