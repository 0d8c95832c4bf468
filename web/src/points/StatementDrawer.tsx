import { Alert, Drawer, Flex, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../../src/modules/points/points-schema.ts';
import { errorMessage } from '../api';
import { ResidentSelect } from '../disputes/ResidentSelect';
import { HouseholdInForm, recentMonths } from './common';
import { getStatement } from './points-api';
import { MonthSelect, StatementView } from './StatementView';

type Whose = 'household' | 'person';

/**
 * A monthly statement (月结单) in a drawer: a household's, or a person's own account (a volunteer's
 * points, kept apart from the household's); holder and month chosen in the drawer.
 */
export function StatementDrawer({ householdId: initial, onClose }: { householdId?: string; onClose(): void }) {
  const { t } = useTranslation();
  const [whose, setWhose] = useState<Whose>('household');
  const [householdId, setHouseholdId] = useState(initial);
  const [residentId, setResidentId] = useState<string>();
  const [month, setMonth] = useState(recentMonths(1)[0]);
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<string>();
  const chosen = whose === 'household' ? householdId : residentId;
  useEffect(() => {
    setStatement(null);
    setError(undefined);
    if (!chosen) return;
    getStatement(whose === 'household' ? { householdId: chosen } : { residentId: chosen }, month).then(setStatement, (err: unknown) =>
      setError(errorMessage(err)),
    );
  }, [whose, chosen, month]);
  return (
    <Drawer open onClose={onClose} title={t('points.statement.title')} size="large" data-testid="statement-drawer">
      <Space direction="vertical" style={{ width: '100%' }}>
        {/* Opened from a leaderboard row, the household is fixed (its name heads the statement). */}
        {!initial && (
          <Segmented<Whose>
            value={whose}
            onChange={setWhose}
            options={(['household', 'person'] as const).map((w) => ({ value: w, label: t(`points.statement.whose.${w}`) }))}
            data-testid="statement-whose"
          />
        )}
        <Flex gap={8} wrap>
          {!initial && (
            <div style={{ flex: 1, minWidth: 200 }}>
              {whose === 'household' ? (
                <HouseholdInForm value={householdId} onChange={setHouseholdId} testId="statement-household" />
              ) : (
                <ResidentSelect value={residentId} onChange={(id) => setResidentId(id)} data-testid="statement-person" />
              )}
            </div>
          )}
          <MonthSelect value={month} onChange={setMonth} />
        </Flex>
        {statement && <Typography.Title level={5}>{statement.account.name}</Typography.Title>}
        {error && <Alert type="error" showIcon title={error} />}
        {!chosen ? (
          <Typography.Text type="secondary">{t(whose === 'household' ? 'points.statement.pickHousehold' : 'points.statement.pickPerson')}</Typography.Text>
        ) : (
          statement && <StatementView statement={statement} />
        )}
      </Space>
    </Drawer>
  );
}
