import { Alert, Button, Card, Divider, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyContributions, ResidentProject } from '../../../../src/modules/cocreation/rating-schema.ts';
import { ApiError, errorMessage } from '../../api';
import { getMyContributions, listResidentProjects } from './disclosure-api';
import { RatingForm } from './RatingForm';
import { RatingSummaryView } from './RatingSummaryView';

/** Today's date in China (the window's dates are China dates). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const STATUS_COLOR = { planned: 'default', building: 'processing', completed: 'success' } as const;

/**
 * The resident's projects on the village page (with the pass): each project's progress; a
 * completed one can be rated within its window (stars and a comment, once per household); and
 * what the resident's own household gave (amounts shown to it alone).
 */
export function ResidentProjectsCard({ villageCode, onExpired }: { villageCode: string; onExpired: () => void }) {
  const { t } = useTranslation();
  const [projects, setProjects] = useState<ResidentProject[]>();
  const [mine, setMine] = useState<MyContributions>();
  const [error, setError] = useState<string>();
  const [rating, setRating] = useState<string>();
  const [thanked, setThanked] = useState<string>();

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onExpired();
      else setError(errorMessage(err));
    },
    [onExpired],
  );
  const load = useCallback(() => {
    listResidentProjects(villageCode).then(setProjects, failed);
    getMyContributions(villageCode).then(setMine, failed);
  }, [villageCode, failed]);
  useEffect(load, [load]);

  const windowNote = (p: ResidentProject) => {
    if (!p.ratingOpensOn || !p.ratingClosesOn) return null;
    return t('cocreationProjects.resident.window', { opens: p.ratingOpensOn, closes: p.ratingClosesOn });
  };

  const item = (p: ResidentProject) => (
    <div key={p.id} data-testid="resident-project" style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {p.title}
        </Typography.Text>
        <Tag color={STATUS_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
          {t(`cocreationProjects.disclosure.project.status.${p.status}`)}
        </Tag>
      </Flex>
      {p.status !== 'completed' && <Progress percent={p.progress} size="small" aria-label={t('cocreationProjects.resident.progress', { n: p.progress })} />}
      {p.status === 'completed' && (
        <Flex vertical gap={6} style={{ marginTop: 6 }}>
          <RatingSummaryView summary={p.summary} bars={false} />
          {windowNote(p) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {windowNote(p)}
            </Typography.Text>
          )}
          {p.myRating ? (
            <Typography.Text type="success" data-testid="resident-rated">
              {thanked === p.id ? `${t('cocreationProjects.resident.thanks')} · ` : ''}
              {t('cocreationProjects.resident.rated', { n: p.myRating.score })}
            </Typography.Text>
          ) : p.ratingOpen ? (
            rating === p.id ? (
              <RatingForm
                villageCode={villageCode}
                projectId={p.id}
                onExpired={onExpired}
                onCancel={() => setRating(undefined)}
                onRated={(r) => {
                  setRating(undefined);
                  setThanked(p.id);
                  setProjects((all) => all?.map((x) => (x.id === p.id ? { ...x, myRating: r } : x)));
                  listResidentProjects(villageCode).then(setProjects, failed);
                }}
              />
            ) : (
              <Button type="primary" block onClick={() => setRating(p.id)} data-testid="resident-rate">
                {t('cocreationProjects.resident.rate')}
              </Button>
            )
          ) : (
            p.ratingOpensOn && (
              <Typography.Text type="secondary">
                {p.ratingClosesOn && p.ratingClosesOn < chinaToday() ? t('cocreationProjects.resident.over') : t('cocreationProjects.resident.notYet')}
              </Typography.Text>
            )
          )}
        </Flex>
      )}
    </div>
  );

  return (
    <Card title={t('cocreationProjects.resident.title')} data-testid="resident-projects">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {!projects && !error && <Skeleton active />}
      {projects?.length === 0 && <Typography.Text type="secondary">{t('cocreationProjects.resident.empty')}</Typography.Text>}
      {projects?.map(item)}
      <Divider style={{ margin: '12px 0' }} />
      <MyHouseholdContributions mine={mine} />
    </Card>
  );
}

/** The household's own entries: only this household (and the village cadres) see the amounts. */
function MyHouseholdContributions({ mine }: { mine: MyContributions | undefined }) {
  const { t } = useTranslation();
  const p = 'cocreationProjects.disclosure.project';
  const what = (e: MyContributions['entries'][number]) => {
    if (e.kind === 'money') return t(`${p}.yuan`, { n: e.amount ?? 0 });
    if (e.kind === 'labour') return t(`${p}.days`, { n: e.labourDays ?? 0 });
    if (e.kind === 'land') return t(`${p}.area`, { n: e.areaM2 ?? 0 });
    return e.description ?? '';
  };
  return (
    <Flex vertical gap={4} data-testid="resident-contributions">
      <Typography.Text strong>{t('cocreationProjects.resident.mine.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cocreationProjects.resident.mine.only')}
      </Typography.Text>
      {mine && mine.entries.length === 0 && <Typography.Text type="secondary">{t('cocreationProjects.resident.mine.empty')}</Typography.Text>}
      {mine?.entries.map((e, i) => (
        <Flex key={i} justify="space-between" gap={8} wrap data-testid="resident-contribution">
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>
            {e.projectTitle} · {t(`${p}.${e.kind}`)} {what(e)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.contributedOn}
            {e.receiptNo ? ` · ${t('cocreationProjects.resident.mine.receipt', { no: e.receiptNo })}` : ''}
          </Typography.Text>
        </Flex>
      ))}
      {mine && mine.entries.length > 0 && (
        <Typography.Text data-testid="resident-contribution-total">
          {t('cocreationProjects.resident.mine.total', { money: mine.totals.money, days: mine.totals.labourDays, area: mine.totals.areaM2 })}
        </Typography.Text>
      )}
    </Flex>
  );
}
