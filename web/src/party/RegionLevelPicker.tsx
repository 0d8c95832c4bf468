import { App, TreeSelect } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region, RegionLevel } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { getRegion, getRegionChildren } from '../people/people-api';

const RANK: Partial<Record<RegionLevel, number>> = { county: 0, township: 1, village: 2, group: 3 };

interface RegionNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

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
 * Give it `key={rootCode}` to start over at another root.
 */
export function RegionLevelPicker({ rootCode, levels, value, onChange, id, placeholder, ...rest }: RegionLevelPickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const known = useRef(new Set<string>());
  const loaded = useRef(new Set<string>());
  const deepest = Math.max(...levels.map((l) => RANK[l] ?? 0));
  const levelKey = levels.join(',');

  const add = useCallback(
    (regions: Region[]) => {
      const chosen = levelKey.split(',');
      const fresh = regions.filter((r) => !known.current.has(r.code));
      fresh.forEach((r) => known.current.add(r.code));
      const toNode = (r: Region): RegionNode => ({
        id: r.code,
        pId: r.parentCode,
        value: r.code,
        title: r.name,
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

  useEffect(() => {
    getRegion(rootCode)
      .then(async (root) => {
        add([{ ...root, parentCode: null }]);
        if (root.childCount > 0 && (RANK[root.level] ?? 0) < deepest) await loadChildren(root.code);
      })
      .catch((err: unknown) => void message.error(errorMessage(err)));
  }, [rootCode, deepest, add, loadChildren, message]);

  return (
    <TreeSelect<string>
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => loadChildren(String(node.value))}
      placeholder={placeholder ?? t('party.orgForm.regionPlaceholder')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={[rootCode]}
      popupMatchSelectWidth={false}
      allowClear
    />
  );
}
