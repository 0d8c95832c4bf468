import { Input, List, Modal, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee } from '../../../../src/modules/cocreation/meeting-schema.ts';

type Mark = 'present' | 'proxy' | 'absent';

interface RosterListProps {
  attendees: Attendee[];
  /** Toggles shown only while attendance may be taken. */
  editable: boolean;
  onMark(attendee: Attendee, attendance: Mark, proxyName?: string): void;
}

/**
 * The roster as a plain list, one line per household or person with a three-way toggle: thumbs
 * on a phone at the meeting, 390 px wide. A proxy asks for the proxy's name first.
 */
export function RosterList({ attendees, editable, onMark }: RosterListProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Attendee | null>(null);
  const [proxyName, setProxyName] = useState('');
  const choose = (a: Attendee, v: Mark) => {
    if (v === 'proxy') {
      setProxyName(a.proxyName ?? '');
      setAsking(a);
    } else onMark(a, v);
  };
  return (
    <>
      <List
        size="small"
        dataSource={attendees}
        data-testid="meeting-roster"
        renderItem={(a) => (
          <List.Item data-testid="meeting-attendee" data-name={a.name} data-attendance={a.attendance ?? ''} style={{ flexWrap: 'wrap', gap: 8 }}>
            <div style={{ minWidth: 0, flex: '1 1 120px' }}>
              <Typography.Text strong>{a.name}</Typography.Text>
              {a.attendance === 'proxy' && a.proxyName && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('cocreationMeetings.detail.proxyName')}：{a.proxyName}
                </Typography.Text>
              )}
            </div>
            <Segmented<Mark | ''>
              size="middle"
              disabled={!editable}
              value={a.attendance ?? ''}
              onChange={(v) => v && choose(a, v)}
              options={(['present', 'proxy', 'absent'] as const).map((k) => ({ value: k, label: t(`cocreationMeetings.detail.${k}`) }))}
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!asking}
        title={t('cocreationMeetings.detail.proxyPrompt')}
        onCancel={() => setAsking(null)}
        okButtonProps={{ disabled: !proxyName.trim(), ...({ 'data-testid': 'meeting-proxy-ok' } as object) }}
        onOk={() => {
          if (asking) onMark(asking, 'proxy', proxyName.trim());
          setAsking(null);
        }}
      >
        <Input
          value={proxyName}
          onChange={(e) => setProxyName(e.target.value)}
          placeholder={t('cocreationMeetings.detail.proxyName')}
          maxLength={50}
          data-testid="meeting-proxy-name"
        />
      </Modal>
    </>
  );
}
