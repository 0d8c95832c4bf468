import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { CoverageTab } from './CoverageTab';
import { StewardshipTable } from './StewardshipTable';
import { VisitsTab } from './VisitsTab';

/** 包保走访: who stewards which unit, the visits made (五包五访), and which households nobody has visited lately. */
export default function StewardshipPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.stewardship')}>
      <Tabs
        items={[
          { key: 'assignments', label: t('stewardship.tab.assignments'), children: <StewardshipTable /> },
          { key: 'visits', label: t('stewardship.tab.visits'), children: <VisitsTab /> },
          { key: 'coverage', label: t('stewardship.tab.coverage'), children: <CoverageTab /> },
        ]}
      />
    </Card>
  );
}
