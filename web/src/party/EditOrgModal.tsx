import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail, PartyOrgNode } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { updateOrg } from './party-api';
import { useFormSubmit } from './use-form-submit';

interface EditOrgForm {
  name: string;
  parentId?: string;
}

const FIELDS = ['name', 'parentId'] as const;

interface EditOrgModalProps {
  open: boolean;
  org: PartyOrgDetail;
  /** Organizations it may move under (parentCandidates); the current parent is always offered. */
  parents: PartyOrgNode[];
  onClose(): void;
  onSaved(org: PartyOrgDetail): void;
}

/** 修改党组织: rename it, or move it under another parent of a kind that fits. Only what changed is sent. */
export function EditOrgModal({ open, org, parents, onClose, onSaved }: EditOrgModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditOrgForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);
  const options = parents.map((p) => ({ value: p.id, label: `${p.name}（${t(`party.kind.${p.kind}`)}）` }));
  if (org.parentId && !parents.some((p) => p.id === org.parentId)) options.unshift({ value: org.parentId, label: org.parentName ?? org.parentId });

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      const name = v.name.trim();
      const body = { ...(name !== org.name ? { name } : {}), ...(v.parentId && v.parentId !== org.parentId ? { parentId: v.parentId } : {}) };
      onSaved(Object.keys(body).length > 0 ? await updateOrg(org.id, body) : org);
    });

  return (
    <FormModal
      open={open}
      title={t('party.orgForm.editTitle', { name: org.name })}
      testId="org-edit"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<EditOrgForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: org.name, parentId: org.parentId ?? undefined }}
        onValuesChange={clearError}
      >
        <Form.Item
          name="name"
          label={t('party.orgForm.name')}
          rules={[
            { required: true, whitespace: true, message: t('party.form.required') },
            { min: 2, max: 100, message: t('party.form.nameLength') },
          ]}
        >
          <Input data-testid="org-edit-name" />
        </Form.Item>
        {org.parentId && (
          <Form.Item name="parentId" label={t('party.orgForm.parent')} extra={t('party.orgForm.parentHelp')}>
            <Select options={options} showSearch={{ optionFilterProp: 'label' }} data-testid="org-edit-parent" />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
