import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Body } from '../../../src/modules/councils/council-schema.ts';
import { BODY_KINDS, MEMBER_ROLES, type BodyKind, type MemberRole } from '../../../src/modules/councils/kinds.ts';
import type { Resident } from '../../../src/modules/people/schema.ts';
import { hasAnyPermission, useMe } from '../auth';
import { listResidents } from '../people/people-api';
import { CouncilTabs, Refusal, useVillage, VillagePicker } from './common';
import { addMember, createBody, endMembership, listBodies, workCardsUrl } from './councils-api';

/**
 * 一约四会 and teams (/councils): the village's councils and teams with their current members
 * (and their 五老三员两长 tags), setting one up, appointing members from the registry, letting
 * one leave, and the members' work cards. Cards, so it reads on a 390 px phone.
 */
export default function CouncilsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['councils.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [bodies, setBodies] = useState<Body[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState<Body | null>(null);
  const { modal } = App.useApp();

  const load = useCallback(() => {
    if (!villageCode) return;
    listBodies(villageCode).then(setBodies, setError);
  }, [villageCode]);
  useEffect(load, [load]);
  const replace = (b: Body) => setBodies((list) => (list ?? []).map((x) => (x.id === b.id ? b : x)));

  return (
    <>
      <CouncilTabs />
      <div data-testid="councils-page">
        <Typography.Paragraph type="secondary">{t('councils.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
          {mayEdit && villageCode && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="councils-create-open">
              {t('councils.create.open')}
            </Button>
          )}
        </Flex>
        <Refusal error={error} testId="councils-error" />
        {!villageCode && <Typography.Paragraph type="secondary">{t('councils.pick')}</Typography.Paragraph>}
        {bodies?.length === 0 && <Typography.Text type="secondary">{t('councils.empty')}</Typography.Text>}
        <Flex vertical gap={12}>
          {bodies?.map((b) => (
            <Card
              key={b.id}
              size="small"
              data-testid="council-body"
              data-kind={b.kind}
              title={
                <Flex gap={6} wrap align="center">
                  <Tag color={b.category === 'council' ? 'red' : 'blue'}>{t(`councils.category.${b.category}`)}</Tag>
                  <span style={{ whiteSpace: 'normal' }}>{b.name}</span>
                </Flex>
              }
              extra={
                <a href={workCardsUrl(b.id)} data-testid="council-work-cards">
                  <FilePdfOutlined /> {t('councils.workCards')}
                </a>
              }
              styles={{ header: { flexWrap: 'wrap', gap: 8 } }}
            >
              {b.duties && <Typography.Paragraph type="secondary">{b.duties}</Typography.Paragraph>}
              {b.members.length === 0 && <Typography.Text type="secondary">{t('councils.noMembers')}</Typography.Text>}
              <Flex vertical gap={6}>
                {b.members.map((m) => (
                  <Flex key={m.id} gap={6} wrap align="center" data-testid="council-member">
                    <Typography.Text strong>{m.name}</Typography.Text>
                    <Tag>{t(`councils.role.${m.role}`)}</Tag>
                    {m.committeePost && <Typography.Text type="secondary">{m.committeePost}</Typography.Text>}
                    {m.tags.map((tag) => (
                      <Tag key={tag} color="gold">
                        {tag}
                      </Tag>
                    ))}
                    {mayEdit && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          modal.confirm({
                            title: t('councils.member.confirmLeave', { name: m.name }),
                            onOk: () => endMembership(b.id, m.id).then(replace, setError),
                          })
                        }
                      >
                        {t('councils.member.leave')}
                      </Button>
                    )}
                  </Flex>
                ))}
              </Flex>
              {mayEdit && (
                <Button size="small" style={{ marginTop: 8 }} onClick={() => setAdding(b)} data-testid="council-member-add">
                  {t('councils.member.add')}
                </Button>
              )}
            </Card>
          ))}
        </Flex>
      </div>
      {creating && villageCode && (
        <CreateModal villageCode={villageCode} onDone={(b) => setBodies((l) => [...(l ?? []), b])} onClose={() => setCreating(false)} />
      )}
      {adding && villageCode && <MemberModal body={adding} villageCode={villageCode} onDone={replace} onClose={() => setAdding(null)} />}
    </>
  );
}

function CreateModal({ villageCode, onDone, onClose }: { villageCode: string; onDone(b: Body): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: BodyKind; name?: string; duties?: string }>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      onDone(
        await createBody({
          villageCode,
          kind: v.kind,
          ...(v.name?.trim() ? { name: v.name.trim() } : {}),
          ...(v.duties?.trim() ? { duties: v.duties.trim() } : {}),
        }),
      );
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('councils.create.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'councils-create-submit' }}
    >
      <Refusal error={error} testId="councils-create-error" />
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('councils.create.kind')} rules={[{ required: true }]}>
          <Select data-testid="councils-create-kind" options={BODY_KINDS.map((k) => ({ value: k, label: t(`councils.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('councils.create.name')} rules={[{ max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="duties" label={t('councils.create.duties')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Picks a resident of the village by name (GET /residents?q=). */
function ResidentSelect({ villageCode, value, onChange }: { villageCode: string; value?: string; onChange?(v: string): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Resident[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      listResidents({ regionCode: villageCode, q: query.trim() || undefined, page: 1, pageSize: 20 })
        .then((p) => mine === seq.current && setOptions(p.items))
        .catch(() => mine === seq.current && setOptions([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [query, villageCode]);
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('councils.member.search')}
      notFoundContent={loading ? <Spin size="small" /> : null}
      options={options.map((r) => ({ value: r.id, label: r.name }))}
      data-testid="council-member-resident"
    />
  );
}

function MemberModal({ body, villageCode, onDone, onClose }: { body: Body; villageCode: string; onDone(b: Body): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ residentId: string; role: MemberRole; committeePost?: string }>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      onDone(
        await addMember(body.id, { residentId: v.residentId, role: v.role, ...(v.committeePost?.trim() ? { committeePost: v.committeePost.trim() } : {}) }),
      );
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('councils.member.title')} · ${body.name}`}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'council-member-submit' }}
    >
      <Refusal error={error} testId="council-member-error" />
      <Form form={form} layout="vertical" initialValues={{ role: 'member' }}>
        <Form.Item name="residentId" label={t('councils.member.resident')} rules={[{ required: true }]}>
          <ResidentSelect villageCode={villageCode} />
        </Form.Item>
        <Form.Item name="role" label={t('councils.member.role')} rules={[{ required: true }]}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`councils.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="committeePost" label={t('councils.member.committeePost')} rules={[{ max: 30 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
