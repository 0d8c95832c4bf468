import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MemberInput, Relation } from '../../../src/modules/people/schema.ts';
import { relationOptions, tagOptions } from './people-labels';

/** A member as the form holds it: the birth date is a dayjs value until it is sent. */
export interface MemberFormValues {
  name?: string;
  relation?: Relation;
  idNumber?: string;
  birthDate?: Dayjs | null;
  sex?: 'male' | 'female';
  phone?: string;
  tags?: string[];
}

/** The field names a server error may point at, e.g. "members.1.idNumber". */
export const MEMBER_FIELDS = ['name', 'relation', 'idNumber', 'birthDate', 'sex', 'phone', 'tags'] as const;

const ID_PATTERN = /^[0-9]{17}[0-9Xx]$/;

/** Trimmed, with empty optional fields left out (the server refuses empty strings). */
export function toMemberInput(v: MemberFormValues): MemberInput {
  const idNumber = v.idNumber?.trim().toUpperCase();
  const phone = v.phone?.trim();
  return {
    name: (v.name ?? '').trim(),
    relation: v.relation ?? 'other',
    ...(idNumber ? { idNumber } : { birthDate: v.birthDate?.format('YYYY-MM-DD'), sex: v.sex }),
    ...(phone ? { phone } : {}),
    ...(v.tags?.length ? { tags: v.tags } : {}),
  };
}

interface MemberFieldsProps {
  /** Names relative to the enclosing Form.List field or form, e.g. [0] or ['member']. */
  prefix: (string | number)[];
  /** The same prefix from the form root, to watch the ID number: ['members', 0] or ['member']. */
  fullPath: (string | number)[];
  /** Whether "户主" may be chosen (not when adding to a household that has one). */
  withHead?: boolean;
}

/** One person's fields. Birth date and sex are asked for only when there is no ID number (it carries both). */
export function MemberFields({ prefix, fullPath, withHead = true }: MemberFieldsProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const idNumber = Form.useWatch<string | undefined>([...fullPath, 'idNumber'], form);
  const hasId = Boolean(idNumber?.trim());
  const required = { required: true, message: t('people.form.required') };

  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} md={6}>
        <Form.Item name={[...prefix, 'name']} label={t('people.member.name')} rules={[{ ...required, whitespace: true }, { max: 30 }]}>
          <Input data-testid="member-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item name={[...prefix, 'relation']} label={t('people.member.relation')} rules={[required]}>
          <Select data-testid="member-relation" options={relationOptions(t, withHead)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item
          name={[...prefix, 'idNumber']}
          label={t('people.member.idNumber')}
          extra={hasId ? undefined : t('people.form.idNumberHelp')}
          rules={[{ pattern: ID_PATTERN, message: t('people.form.idNumberInvalid') }]}
        >
          <Input data-testid="member-id-number" autoComplete="off" maxLength={18} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Form.Item name={[...prefix, 'phone']} label={t('people.member.phone')} rules={[{ max: 20 }]}>
          <Input data-testid="member-phone" autoComplete="off" inputMode="tel" />
        </Form.Item>
      </Col>
      {!hasId && (
        <>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name={[...prefix, 'birthDate']} label={t('people.member.birthDate')} rules={[required]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name={[...prefix, 'sex']} label={t('people.member.sex')} rules={[required]}>
              <Radio.Group
                options={[
                  { value: 'male', label: t('people.sex.male') },
                  { value: 'female', label: t('people.sex.female') },
                ]}
              />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} md={12}>
        <Form.Item name={[...prefix, 'tags']} label={t('people.member.tags')}>
          <Select mode="multiple" allowClear options={tagOptions(t)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
