import { Alert, Card, Empty, Flex, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Grid } from '../../../src/modules/regions/grid-schema.ts';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { PageSpinner } from '../components/PageSpinner';
import { getRegion, getRegionChildren } from '../regions/regions-api';
import { GridMap, type LegendEntry, type VillageOutline } from './GridMap';
import { GridPanel } from './GridPanel';
import { gridKindLabel, gridTagLabel } from './grid-labels';
import { gridHouseholds, listGrids } from './grids-api';
import { CATEGORY_COLORS, classOf, countClasses, isPolygon, NO_DATA_COLOR, SEQUENTIAL_COLORS } from './map-geometry';

const MEASURES = ['kind', 'households', 'tag'] as const;
type Measure = (typeof MEASURES)[number];
const KIND_COLORS = { comprehensive: CATEGORY_COLORS[0]!, dedicated: CATEGORY_COLORS[1]! };
const WITHOUT_TAG_COLOR = '#bfbfbf';
/** Household counts are fetched one grid at a time (the registry has no per-grid totals yet); a few at once. */
const COUNT_CONCURRENCY = 4;

type Counts = { status: 'idle' | 'loading' } | { status: 'ok'; byGrid: Map<string, number> } | { status: 'error'; message: string };

/**
 * The grid map: the grids of the user's scope drawn as SVG (no external tiles), coloured by a
 * chosen measure. Township staff see their township and may narrow to a village; county staff pick
 * a township first so the page stays light. The choices live in the URL.
 */
export default function GridsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [scope, setScope] = useState<Region | null>(null);
  const [townships, setTownships] = useState<Region[]>([]);
  const [villages, setVillages] = useState<Region[]>([]);
  const [grids, setGrids] = useState<Grid[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<Counts>({ status: 'idle' });

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const scopeLevel = scope?.level;
  const fixedTownship = scopeLevel === 'township' ? scope!.code : scopeLevel === 'village' ? scope!.parentCode : null;
  const townshipCode = fixedTownship ?? params.get('township') ?? undefined;
  const villageCode = scopeLevel === 'village' ? scope!.code : (params.get('village') ?? undefined);
  const measure: Measure = MEASURES.find((m) => m === params.get('measure')) ?? 'kind';
  const selectedCode = params.get('grid');

  // Where the user stands, and the townships to pick from when that is the whole county.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const region = await getRegion(me.regionCode);
      if (cancelled) return;
      setScope(region);
      if (region.level !== 'township' && region.level !== 'village') {
        const children = await getRegionChildren(region.code);
        if (!cancelled) setTownships(children.filter((r) => r.level === 'township'));
      }
    })().catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [me.regionCode]);

  // The villages of the chosen township, for narrowing down.
  useEffect(() => {
    if (!townshipCode || scopeLevel === 'village' || !scopeLevel) return;
    let cancelled = false;
    getRegionChildren(townshipCode)
      .then((list) => !cancelled && setVillages(list.filter((r) => r.level === 'village')))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [townshipCode, scopeLevel]);

  // The grids themselves, once there is a township or village to show.
  useEffect(() => {
    if (!scopeLevel || (!townshipCode && !villageCode)) {
      setGrids(null);
      return;
    }
    let cancelled = false;
    setLoading(true);
    setError(null);
    listGrids(villageCode ? { villageCode } : { townshipCode })
      .then((list) => !cancelled && setGrids(list.items))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [scopeLevel, townshipCode, villageCode]);

  // Household counts, only when that measure is chosen.
  useEffect(() => {
    if (measure !== 'households' || !grids) return;
    let cancelled = false;
    setCounts({ status: 'loading' });
    (async () => {
      const byGrid = new Map<string, number>();
      const queue = grids.map((g) => g.code);
      const worker = async () => {
        for (let code = queue.shift(); code && !cancelled; code = queue.shift()) byGrid.set(code, (await gridHouseholds(code, 1)).total);
      };
      await Promise.all(Array.from({ length: COUNT_CONCURRENCY }, worker));
      if (!cancelled) setCounts({ status: 'ok', byGrid });
    })().catch((err: unknown) => !cancelled && setCounts({ status: 'error', message: errorMessage(err) }));
    return () => {
      cancelled = true;
    };
  }, [measure, grids]);

  // The shown villages' boundaries, from the regions already loaded (the user's own village, or the
  // chosen township's villages); a list left over from another township is skipped.
  const outlines = useMemo((): VillageOutline[] => {
    const shown = scopeLevel === 'village' ? [scope!] : villages.filter((v) => (villageCode ? v.code === villageCode : v.parentCode === townshipCode));
    return shown.flatMap((v) => (isPolygon(v.boundary) ? [{ code: v.code, boundary: v.boundary }] : []));
  }, [scope, scopeLevel, villages, villageCode, townshipCode]);

  const tagOptions = useMemo(() => [...new Set((grids ?? []).flatMap((g) => g.tags))].sort(), [grids]);
  const tag = params.get('tag') ?? tagOptions[0] ?? 'party';

  const { colorOf, legend } = useMemo((): { colorOf: (g: Grid) => string; legend: LegendEntry[] } => {
    if (measure === 'tag') {
      return {
        colorOf: (g) => (g.tags.includes(tag) ? CATEGORY_COLORS[0]! : WITHOUT_TAG_COLOR),
        legend: [
          { color: CATEGORY_COLORS[0]!, label: t('grid.legend.withTag', { tag: gridTagLabel(t, tag) }) },
          { color: WITHOUT_TAG_COLOR, label: t('grid.legend.withoutTag', { tag: gridTagLabel(t, tag) }) },
        ],
      };
    }
    if (measure === 'households') {
      if (counts.status !== 'ok') return { colorOf: () => NO_DATA_COLOR, legend: [{ color: NO_DATA_COLOR, label: t('grid.legend.noData') }] };
      const bounds = countClasses(Math.max(0, ...counts.byGrid.values()));
      return {
        colorOf: (g) => {
          const n = counts.byGrid.get(g.code);
          return n === undefined ? NO_DATA_COLOR : SEQUENTIAL_COLORS[classOf(n, bounds)]!;
        },
        legend: bounds.map(([from, to], i) => ({ color: SEQUENTIAL_COLORS[i]!, label: t('grid.legend.households', { from, to }) })),
      };
    }
    return {
      colorOf: (g) => KIND_COLORS[g.kind],
      legend: (['comprehensive', 'dedicated'] as const).map((k) => ({ color: KIND_COLORS[k], label: gridKindLabel(t, k) })),
    };
  }, [measure, tag, counts, t]);

  const selected = grids?.find((g) => g.code === selectedCode);
  if (!scope && !error) return <PageSpinner />;

  return (
    <Flex gap={16} align="flex-start" wrap>
      <Card
        title={t('grid.title')}
        style={{ flex: 1, minWidth: 420 }}
        extra={grids && <Typography.Text type="secondary">{t('grid.count', { count: grids.length })}</Typography.Text>}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {scopeLevel !== 'township' && scopeLevel !== 'village' && (
            <Select
              data-testid="grid-township"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('grid.chooseTownship')}
              value={townshipCode}
              options={townships.map((r) => ({ value: r.code, label: r.name }))}
              onChange={(code: string) => set({ township: code, village: undefined, grid: undefined })}
            />
          )}
          {scopeLevel === 'village' ? (
            <Typography.Text strong>{scope!.name}</Typography.Text>
          ) : (
            townshipCode && (
              <Select
                data-testid="grid-village"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 220 }}
                value={villageCode ?? ''}
                options={[{ value: '', label: t('grid.allVillages') }, ...villages.map((r) => ({ value: r.code, label: r.name }))]}
                onChange={(code: string) => set({ village: code || undefined, grid: undefined })}
              />
            )
          )}
          <Typography.Text type="secondary">{t('grid.measure')}</Typography.Text>
          <Select
            data-testid="grid-measure"
            style={{ width: 140 }}
            value={measure}
            options={MEASURES.map((m) => ({ value: m, label: t(`grid.measures.${m}`) }))}
            onChange={(m: Measure) => set({ measure: m === 'kind' ? undefined : m })}
          />
          {measure === 'tag' && (
            <Select
              data-testid="grid-tag"
              style={{ width: 140 }}
              value={tag}
              options={tagOptions.map((code) => ({ value: code, label: gridTagLabel(t, code) }))}
              onChange={(code: string) => set({ tag: code })}
            />
          )}
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {measure === 'households' && counts.status === 'loading' && (
          <Space style={{ marginBottom: 12 }}>
            <Spin size="small" />
            <Typography.Text type="secondary">{t('grid.countsLoading')}</Typography.Text>
          </Space>
        )}
        {measure === 'households' && counts.status === 'error' && (
          <Alert type="warning" showIcon title={t('grid.countsUnavailable', { message: counts.message })} style={{ marginBottom: 12 }} />
        )}
        {!townshipCode && !villageCode ? (
          <Empty description={t('grid.chooseTownshipFirst')} />
        ) : loading || !grids ? (
          !error && <PageSpinner />
        ) : grids.length === 0 ? (
          <Empty description={t('grid.noGrids')} />
        ) : (
          <>
            <GridMap grids={grids} outlines={outlines} colorOf={colorOf} legend={legend} selectedCode={selectedCode} onSelect={(code) => set({ grid: code })} />
            {!selected && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('grid.selectHint')}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>
      {selected && (
        <div style={{ width: 400, flex: 'none' }}>
          <GridPanel
            grid={selected}
            onClose={() => set({ grid: undefined })}
            // A saved grid replaces its old self on the map; a new one joins it and is selected.
            onGridSaved={(g) => {
              setGrids((list) => (list?.some((x) => x.code === g.code) ? list.map((x) => (x.code === g.code ? g : x)) : [...(list ?? []), g]));
              set({ grid: g.code });
            }}
            onVillageSaved={(r) => setVillages((list) => list.map((v) => (v.code === r.code ? r : v)))}
          />
        </div>
      )}
    </Flex>
  );
}
