import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tagLabel } from './people-labels';

/** Care and assistance tags stand out; the rest stay neutral. */
const COLORS: Record<string, string> = {
  elderly_alone: 'orange',
  left_behind_elderly: 'orange',
  left_behind_child: 'orange',
  disabled: 'orange',
  dibao: 'gold',
  tekun: 'gold',
  poverty_monitored: 'gold',
  party_member: 'red',
  veteran: 'blue',
  key_person: 'purple',
};

export function TagList({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return <>{t('common.empty')}</>;
  return (
    <>
      {tags.map((code) => (
        <Tag key={code} color={COLORS[code]} style={{ marginBottom: 2 }}>
          {tagLabel(t, code)}
        </Tag>
      ))}
    </>
  );
}

/** The small marker on synthetic (demo) rows. */
export function DemoTag({ synthetic }: { synthetic: boolean }) {
  const { t } = useTranslation();
  return synthetic ? (
    <Tag variant="filled" style={{ marginInlineStart: 6, fontSize: 11 }}>
      {t('people.demo')}
    </Tag>
  ) : null;
}
