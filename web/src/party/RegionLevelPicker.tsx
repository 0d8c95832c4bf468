import { App, TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region, RegionLevel } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { getRegion, getRegionChildren } from '../people/people-api';
import { RecentPlacesBar } from '../people/RecentPlacesBar';
import { loadPinyin, placeMatches, placesUnder, recentPlaces, rememberPlace, type RecentPlace } from '../people/region-search';

const RANK: Partial<Record<RegionLevel, number>> = { county: 0, township: 1, village: 2, group: 3 };

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  level: RegionLevel;
  isLeaf: boolean;
  selectable: boolean;
}

type PlaceLike = Pick<Region, 'code' | 'name' | 'level' | 'parentCode'> & { childCount?: number };

interface RegionLevelPickerProps {
  /** The region the tree starts at (the user's own, or the parent organization's). */
  rootCode: string;
  /** The levels that may be chosen; the tree goes no deeper than the deepest of them. */
  levels: readonly RegionLevel[];
  value?: string;
  onChange?(code: string | undefined): void;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A region below `rootCode`, loaded one level at a time, groups (村民小组, 小区, 自治单元)
 * included; only regions of the given levels can be chosen. Unlike the registry's picker,
 * which stops at villages, party organizations and stewardship reach down to groups.
 * Found by typing as in the registry's picker (region-search: part of a name or its pinyin
 * initials, `shc` → 上黄村; the first key loads the root's townships and villages once), with
 * the user's recent choices that lie under the root and may be chosen here first.
 * Give it `key={rootCode}` to start over at another root.
 */
export function RegionLevelPicker({ rootCode, levels, value, onChange, id, placeholder, ...rest }: RegionLevelPickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentPlace[]>(() => recentPlaces(me.id));
  /** Bumped when the pinyin matcher arrives, so the open list filters again. */
  const [, setPinyinReady] = useState(false);
  const known = useRef(new Set<string>());
  const loaded = useRef(new Set<string>());
  const allLoaded = useRef(false);
  const deepest = Math.max(...levels.map((l) => RANK[l] ?? 0));
  const levelKey = levels.join(',');

  const add = useCallback(
    (regions: PlaceLike[]) => {
      const chosen = levelKey.split(',');
      const fresh = regions.filter((r) => !known.current.has(r.code) && (RANK[r.level] ?? 0) <= deepest);
      fresh.forEach((r) => known.current.add(r.code));
      const toNode = (r: PlaceLike): RegionNode => ({
        id: r.code,
        pId: r.parentCode,
        value: r.code,
        title: r.name,
        level: r.level,
        isLeaf: r.childCount === 0 || (RANK[r.level] ?? 0) >= deepest,
        selectable: chosen.includes(r.level),
      });
      if (fresh.length) setNodes((ns) => [...ns, ...fresh.map(toNode)]);
    },
    [levelKey, deepest],
  );

  const loadChildren = useCallback(
    async (code: string) => {
      if (loaded.current.has(code)) return;
      loaded.current.add(code);
      try {
        add(await getRegionChildren(code));
      } catch (err) {
        loaded.current.delete(code);
        void message.error(errorMessage(err));
      }
    },
    [add, message],
  );

  /** Every township and village under the root, for the search and the recent list (once). */
  const loadAll = useCallback(async () => {
    if (allLoaded.current) return;
    allLoaded.current = true;
    void loadPinyin().then(() => setPinyinReady(true));
    if (deepest < (RANK.township ?? 1)) return;
    try {
      const places = await placesUnder(rootCode);
      add(places);
      // Their children are known now down to villages (or as deep as this picker goes), so opening them asks
      // nothing more. Not a village root's: it has no places below, and its groups load as its children.
      if (places.some((p) => p.parentCode === rootCode)) loaded.current.add(rootCode);
      if (deepest >= (RANK.village ?? 2)) for (const p of places) if (p.level === 'township') loaded.current.add(p.code);
    } catch (err) {
      allLoaded.current = false;
      void message.error(errorMessage(err));
    }
  }, [rootCode, deepest, add, message]);

  useEffect(() => {
    getRegion(rootCode)
      .then(async (root) => {
        add([{ ...root, parentCode: null }]);
        if (root.childCount > 0 && (RANK[root.level] ?? 0) < deepest) await loadChildren(root.code);
      })
      .catch((err: unknown) => void message.error(errorMessage(err)));
  }, [rootCode, deepest, add, loadChildren, message]);

  const pick = (code: string | undefined) => {
    onChange?.(code);
    const node = code ? nodes.find((n) => n.value === code) : undefined;
    if (!node) return;
    rememberPlace(me.id, { code: node.value, name: node.title, level: node.level });
    setRecent(recentPlaces(me.id));
  };

  // Only recent places this picker knows under its root and may choose: never one outside the root.
  const choosable = recent.filter((r) => r.code !== value && nodes.some((n) => n.value === r.code && n.selectable));
  const popup = (menu: ReactElement) => (
    <>
      {!search && (
        <RecentPlacesBar
          places={choosable}
          onPick={(r) => {
            pick(r.code);
            setOpen(false);
          }}
        />
      )}
      {menu}
    </>
  );

  return (
    <TreeSelect<string>
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v) => pick(v ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => loadChildren(String(node.value))}
      placeholder={placeholder ?? t('party.orgForm.regionPlaceholder')}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void loadAll();
        else setSearch('');
      }}
      showSearch={{
        searchValue: search,
        onSearch: (s) => {
          setSearch(s);
          if (s.trim()) void loadAll();
        },
        filterTreeNode: (input, node) => placeMatches(String(node.title ?? ''), input),
      }}
      popupRender={popup}
      notFoundContent={t('people.region.none')}
      treeDefaultExpandedKeys={[rootCode]}
      popupMatchSelectWidth={false}
      allowClear
    />
  );
}
