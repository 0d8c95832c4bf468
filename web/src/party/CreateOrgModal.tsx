import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail, PartyOrgKind } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { childKinds, kindLevels } from './org-tree';
import { createOrg } from './party-api';
import { RegionLevelPicker } from './RegionLevelPicker';
import { useFormSubmit } from './use-form-submit';

interface CreateOrgForm {
  kind: PartyOrgKind;
  name: string;
  code: string;
  regionCode?: string;
}

const FIELDS = ['kind', 'name', 'code', 'regionCode', 'parentId'] as const;

/** The parent's own region when the new kind may link to a region of that level (a 党小组 of the whole village). */
function defaultRegion(parent: PartyOrgDetail, kind: PartyOrgKind | undefined): string | undefined {
  if (!kind) return undefined;
  return kindLevels(parent.kind).some((l) => kindLevels(kind).includes(l)) ? parent.regionCode : undefined;
}

interface CreateOrgModalProps {
  open: boolean;
  parent: PartyOrgDetail;
  onClose(): void;
  onCreated(org: PartyOrgDetail): void;
}

/** 新建下级组织: a kind that fits under the parent (org-rules.ts), its name and code, and the region it is linked to. */
export function CreateOrgModal({ open, parent, onClose, onCreated }: CreateOrgModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateOrgForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);
  const kinds = childKinds(parent.kind);
  const kind = Form.useWatch('kind', form);
  const levels = kind ? kindLevels(kind) : [];

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      onCreated(await createOrg({ kind: v.kind, name: v.name.trim(), code: v.code.trim(), parentId: parent.id, regionCode: v.regionCode! }));
    });

  return (
    <FormModal
      open={open}
      title={t('party.orgForm.createTitle', { parent: parent.name })}
      testId="org-create"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<CreateOrgForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: kinds[0], regionCode: defaultRegion(parent, kinds[0]) }}
        onValuesChange={(changed: Partial<CreateOrgForm>) => {
          clearError();
          if (changed.kind) form.setFieldValue('regionCode', defaultRegion(parent, changed.kind));
        }}
      >
        <Form.Item name="kind" label={t('party.orgForm.kind')} rules={[{ required: true, message: t('party.form.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`party.kind.${k}`) }))} data-testid="org-kind" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('party.orgForm.name')}
          rules={[
            { required: true, whitespace: true, message: t('party.form.required') },
            { min: 2, max: 100, message: t('party.form.nameLength') },
          ]}
        >
          <Input placeholder={t('party.orgForm.namePlaceholder')} data-testid="org-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('party.orgForm.code')}
          extra={t('party.orgForm.codeHelp', { example: `${parent.code}-01` })}
          rules={[
            { required: true, message: t('party.form.required') },
            { pattern: /^[0-9A-Za-z-]{2,40}$/, message: t('party.form.codeFormat') },
          ]}
        >
          <Input data-testid="org-code" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('party.orgForm.region')}
          extra={levels.length > 0 && t('party.orgForm.regionHelp', { levels: levels.map((l) => t(`party.level.${l}`)).join(t('party.orgForm.or')) })}
          rules={[{ required: true, message: t('party.form.required') }]}
        >
          <RegionLevelPicker key={`${parent.regionCode}:${levels.join()}`} rootCode={parent.regionCode} levels={levels} data-testid="org-region" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
