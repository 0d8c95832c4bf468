import { Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { TFunction } from 'i18next';
import type { Key } from 'react';
import { useTranslation } from 'react-i18next';
import { kindLabel } from '../labels';
import { RegionCounts } from './RegionCounts';
import type { RegionStore } from './use-region-store';

interface RegionTreeProps {
  rootCode: string;
  store: RegionStore;
  selectedCode: string;
  expandedKeys: Key[];
  onExpand(keys: Key[]): void;
  onSelect(code: string): void;
}

function toNode(t: TFunction, store: RegionStore, code: string): DataNode | undefined {
  const region = store.get(code);
  if (!region) return undefined;
  const kids = store.childrenOf(code);
  return {
    key: region.code,
    title: (
      <span data-testid={`region-node-${region.code}`}>
        <span style={{ display: 'block' }}>
          {region.name}
          {region.level === 'group' && (
            <Tag style={{ marginInlineStart: 6 }} variant="filled">
              {kindLabel(t, region.kind)}
            </Tag>
          )}
        </span>
        <span style={{ display: 'block' }}>
          <RegionCounts region={region} />
        </span>
      </span>
    ),
    isLeaf: region.childCount === 0,
    // undefined = not loaded yet; the tree then calls loadData when the node opens.
    children: kids?.map((r) => toNode(t, store, r.code)).filter((n): n is DataNode => n !== undefined),
  };
}

/** The user's region and everything below it, loaded one level at a time as nodes open. */
export function RegionTree({ rootCode, store, selectedCode, expandedKeys, onExpand, onSelect }: RegionTreeProps) {
  const { t } = useTranslation();
  const root = toNode(t, store, rootCode);
  return (
    <div data-testid="region-tree">
      <Tree
        showLine
        blockNode
        treeData={root ? [root] : []}
        expandedKeys={expandedKeys}
        selectedKeys={[selectedCode]}
        onExpand={(keys) => onExpand(keys)}
        onSelect={(_keys, info) => onSelect(String(info.node.key))}
        loadData={async (node) => {
          await store.loadChildren(String(node.key));
        }}
      />
    </div>
  );
}
