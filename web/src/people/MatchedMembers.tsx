import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MatchedMember } from '../../../src/modules/people/schema.ts';

/**
 * The members a search's text matched, "匹配：龙小梅（子女）", with the number it matched by
 * (电话 / 身份证号) when it was not the name; undefined when the door address matched or there
 * was no search.
 */
export function matchedMembersText(t: TFunction, members: MatchedMember[] | undefined): string | undefined {
  if (!members?.length) return undefined;
  const each = members.map((m) => t(`people.households.matched.${m.by}`, { name: m.name, relation: t(`people.relation.${m.relation}`) }));
  return t('people.households.matched.label', { members: each.join(t('people.households.matched.separator')) });
}

/** The matched members as a small grey line under a household found by a search (lists, cards and pickers). */
export function MatchedMembers({ members }: { members: MatchedMember[] | undefined }) {
  const { t } = useTranslation();
  const text = matchedMembersText(t, members);
  if (!text) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'normal' }} data-testid="household-matched">
      {text}
    </Typography.Text>
  );
}
