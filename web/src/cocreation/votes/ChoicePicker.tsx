import { Checkbox, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { YES_NO } from '../../../../src/modules/cocreation/vote-schema.ts';
import type { VoteMethod } from '../../../../src/modules/cocreation/kinds.ts';

/**
 * A ballot's choices: one option (豆选) or one of yes / no / abstain as radio buttons, any number
 * of options (approval) as check boxes. Works as a controlled form control (value / onChange).
 */
export function ChoicePicker({
  method,
  options,
  value = [],
  onChange,
  id,
}: {
  method: VoteMethod;
  options: { id: string; label: string }[];
  value?: string[];
  onChange?(v: string[]): void;
  id?: string;
}) {
  const { t } = useTranslation();
  const items =
    method === 'yes_no'
      ? YES_NO.map((k) => ({ value: k as string, label: t(`cocreationVotes.choice.${k}`) }))
      : options.map((o) => ({ value: o.id, label: o.label }));
  if (method === 'approval') {
    return (
      <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])}>
        <Space direction="vertical" id={id} data-testid="ballot-choices">
          {items.map((i) => (
            <Checkbox key={i.value} value={i.value} data-testid="ballot-choice">
              {i.label}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    );
  }
  return (
    <Radio.Group id={id} value={value[0]} onChange={(e) => onChange?.([e.target.value as string])} data-testid="ballot-choices">
      <Space direction="vertical">
        {items.map((i) => (
          <Radio key={i.value} value={i.value} data-testid="ballot-choice">
            {i.label}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
