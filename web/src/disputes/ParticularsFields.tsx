import { Card, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ETHNIC_GROUPS, SEXES, type DisputeCaseDetail, type PartyParticulars } from '../../../src/modules/disputes/schema.ts';

type Party = DisputeCaseDetail['parties'][number];

/** The form's starting values: one entry per party in the case's order, with what is already recorded. */
export function initialParticulars(parties: Party[]): Partial<PartyParticulars>[] {
  return parties.map((p) =>
    p.residentId
      ? { partyId: p.id, ethnicity: p.ethnicity ?? undefined, occupation: p.occupation ?? undefined }
      : {
          partyId: p.id,
          sex: p.sex ?? undefined,
          age: p.age ?? undefined,
          ethnicity: p.ethnicity ?? undefined,
          occupation: p.occupation ?? undefined,
          address: p.address ?? undefined,
        },
  );
}

/** The request's `parties`: what the form holds, without the registry's fields for a registered party, blanks left out. */
export function particularsBody(parties: Party[], values: Partial<PartyParticulars>[] | undefined): PartyParticulars[] {
  return parties.map((p, i) => {
    const v = values?.[i] ?? {};
    const text = (s: string | undefined) => s?.trim() || undefined;
    const common = { partyId: p.id, ethnicity: text(v.ethnicity), occupation: text(v.occupation) };
    return p.residentId ? common : { ...common, sex: v.sex, age: v.age ?? undefined, address: text(v.address) };
  });
}

/**
 * 当事人基本情况 for a written agreement (人民调解法 art. 29): per party, the registry's sex, age and
 * address shown for a registered resident (the server takes them from the registry), and inputs for
 * the rest — ethnicity and occupation for everyone, all five for a party not in the registry. The
 * fields are `parties[i].…`, the paths the server names in its errors.
 */
export function ParticularsFields({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('disputes.form.required') };
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="particulars">
      <Typography.Text strong>{t('disputes.particulars.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('disputes.particulars.help')}
      </Typography.Text>
      {parties.map((p, i) => (
        <Card
          key={p.id}
          size="small"
          title={
            <span>
              {t(`disputes.role.${p.role}`)}：{p.name} {p.residentId && <Tag color="blue">{t('disputes.particulars.fromRegistry')}</Tag>}
            </span>
          }
          data-testid={`particulars-${i}`}
        >
          <Form.Item name={['parties', i, 'partyId']} hidden>
            <Input />
          </Form.Item>
          {p.residentId ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid={`registry-${i}`}>
              {[p.sex ? t(`disputes.sex.${p.sex}`) : null, p.age !== null ? t('disputes.particulars.ageUnit', { age: p.age }) : null, p.address]
                .filter(Boolean)
                .join(' · ') || t('disputes.particulars.fromRegistry')}
            </Typography.Paragraph>
          ) : (
            <Flex gap={8} wrap>
              <Form.Item name={['parties', i, 'sex']} label={t('disputes.field.sex')} rules={[required]} style={{ marginBottom: 8 }}>
                <Radio.Group optionType="button" options={SEXES.map((s) => ({ value: s, label: t(`disputes.sex.${s}`) }))} data-testid={`f-parties-${i}-sex`} />
              </Form.Item>
              <Form.Item name={['parties', i, 'age']} label={t('disputes.field.age')} rules={[required]} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={150} precision={0} style={{ width: 90 }} data-testid={`f-parties-${i}-age`} />
              </Form.Item>
            </Flex>
          )}
          <Flex gap={8} wrap>
            <Form.Item
              name={['parties', i, 'ethnicity']}
              label={t('disputes.field.ethnicity')}
              rules={[required]}
              style={{ marginBottom: 8, minWidth: 120, flex: '1 1 120px' }}
            >
              <Select showSearch options={ETHNIC_GROUPS.map((e) => ({ value: e, label: e }))} data-testid={`f-parties-${i}-ethnicity`} />
            </Form.Item>
            <Form.Item
              name={['parties', i, 'occupation']}
              label={t('disputes.field.occupation')}
              rules={[{ ...required, whitespace: true }]}
              style={{ marginBottom: 8, flex: '2 1 180px' }}
            >
              <Input maxLength={100} data-testid={`f-parties-${i}-occupation`} />
            </Form.Item>
          </Flex>
          {!p.residentId && (
            <Form.Item
              name={['parties', i, 'address']}
              label={t('disputes.field.address')}
              rules={[{ ...required, whitespace: true }]}
              style={{ marginBottom: 0 }}
            >
              <Input maxLength={200} data-testid={`f-parties-${i}-address`} />
            </Form.Item>
          )}
        </Card>
      ))}
    </Flex>
  );
}
