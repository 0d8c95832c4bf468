import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyMember, UpdatePartyMemberBody } from '../../../src/modules/party/schema.ts';
import { errorMessage } from '../api';
import { updateMember } from './party-api';

export type MemberDialog = 'link' | 'transfer' | 'end';

interface MemberActionsProps {
  member: PartyMember;
  onOpen(dialog: MemberDialog, member: PartyMember): void;
  onChanged(): void;
}

/** A member row's actions: 转正 and 党员中心户 on/off at once (after a confirmation), the rest in dialogs. */
export function MemberActions({ member, onOpen, onChanged }: MemberActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const update = async (body: UpdatePartyMemberBody, done: string) => {
    setBusy(true);
    try {
      await updateMember(member.id, body);
      void message.success(done);
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const central = !member.centralHousehold;
  return (
    <Space size={0} wrap>
      {member.status === 'probationary' && (
        <Popconfirm
          title={t('party.memberAction.confirmFormal', { name: member.name })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => update({ status: 'formal' }, t('party.memberAction.formalDone', { name: member.name }))}
        >
          <Button type="link" size="small" loading={busy} data-testid="member-formal">
            {t('party.memberAction.formal')}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={t(central ? 'party.memberAction.confirmCentralOn' : 'party.memberAction.confirmCentralOff', { name: member.name })}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          update({ centralHousehold: central }, t(central ? 'party.memberAction.centralOn' : 'party.memberAction.centralOff', { name: member.name }))
        }
      >
        <Button type="link" size="small" loading={busy} data-testid="member-central">
          {t(central ? 'party.memberAction.setCentral' : 'party.memberAction.unsetCentral')}
        </Button>
      </Popconfirm>
      <Button type="link" size="small" onClick={() => onOpen('link', member)} data-testid="member-link-open">
        {t('party.memberAction.link')}
      </Button>
      <Button type="link" size="small" onClick={() => onOpen('transfer', member)} data-testid="member-transfer-open">
        {t('party.memberAction.transfer')}
      </Button>
      <Button type="link" size="small" danger onClick={() => onOpen('end', member)} data-testid="member-end-open">
        {t('party.memberAction.end')}
      </Button>
    </Space>
  );
}
