import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail, PartyOrgNode } from '../../../src/modules/party/schema.ts';
import { CreateOrgModal } from './CreateOrgModal';
import { DissolveOrgModal } from './DissolveOrgModal';
import { EditOrgModal } from './EditOrgModal';
import { childKinds, parentCandidates } from './org-tree';

interface OrgActionsProps {
  org: PartyOrgDetail;
  roots: PartyOrgNode[];
  /** After a change: `select` is the organization to show next (the new one, or the parent of a dissolved one). */
  onChanged(select?: string | null): void;
}

/** 新建下级组织 / 修改 / 撤销 for one organization; rendered only for users who may edit party data. */
export function OrgActions({ org, roots, onChanged }: OrgActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<'create' | 'edit' | 'dissolve' | null>(null);
  const close = () => setOpen(null);

  return (
    <Space wrap>
      {childKinds(org.kind).length > 0 && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen('create')} data-testid="org-create-child">
          {t('party.action.createChild')}
        </Button>
      )}
      <Button size="small" icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="org-edit-open">
        {t('party.action.edit')}
      </Button>
      <Button size="small" danger icon={<DeleteOutlined />} onClick={() => setOpen('dissolve')} data-testid="org-dissolve-open">
        {t('party.action.dissolve')}
      </Button>
      <CreateOrgModal
        open={open === 'create'}
        parent={org}
        onClose={close}
        onCreated={(created) => {
          close();
          void message.success(t('party.orgForm.created', { name: created.name }));
          onChanged(created.id);
        }}
      />
      <EditOrgModal
        open={open === 'edit'}
        org={org}
        parents={parentCandidates(roots, org)}
        onClose={close}
        onSaved={() => {
          close();
          void message.success(t('party.orgForm.saved'));
          onChanged();
        }}
      />
      <DissolveOrgModal
        open={open === 'dissolve'}
        org={org}
        onClose={close}
        onDissolved={(dissolved) => {
          close();
          void message.success(t('party.dissolve.done', { name: dissolved.name }));
          onChanged(dissolved.parentId);
        }}
      />
    </Space>
  );
}
