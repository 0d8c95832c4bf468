import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyOrgNode } from '../../../src/modules/party/schema.ts';

interface OrgTreeProps {
  roots: PartyOrgNode[];
  selectedId: string | null;
  onSelect(id: string): void;
}

function toNode(org: PartyOrgNode, label: (org: PartyOrgNode) => string): DataNode {
  return {
    key: org.id,
    title: (
      <span data-testid="org-node" data-id={org.id}>
        {org.name} <Typography.Text type="secondary">{label(org)}</Typography.Text>
      </span>
    ),
    isLeaf: org.children.length === 0,
    children: org.children.map((c) => toNode(c, label)),
  };
}

/** The ids of the organizations above `id` (empty when it is not in the tree). */
function ancestorIds(nodes: PartyOrgNode[], id: string, above: string[] = []): string[] {
  for (const n of nodes) {
    if (n.id === id) return above;
    const found = ancestorIds(n.children, id, [...above, n.id]);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The whole organization tree, already nested by the server; virtual scrolling keeps a county's
 * thousands of nodes light. The branch of the selected organization opens by itself, so a new
 * organization shows once the tree is loaded again.
 */
export function OrgTree({ roots, selectedId, onSelect }: OrgTreeProps) {
  const { t } = useTranslation();
  const label = (org: PartyOrgNode) => t('party.treeCount', { count: org.memberCount });
  const [expanded, setExpanded] = useState<Key[]>(() => roots.flatMap((r) => [r.id, ...r.children.slice(0, 1).map((c) => c.id)]));
  const [seen, setSeen] = useState({ roots, selectedId });
  if (seen.roots !== roots || seen.selectedId !== selectedId) {
    setSeen({ roots, selectedId });
    const up = selectedId ? ancestorIds(roots, selectedId) : [];
    if (up.some((k) => !expanded.includes(k))) setExpanded([...new Set([...expanded, ...up])]);
  }
  return (
    <div data-testid="party-org-tree">
      <Tree
        showLine
        blockNode
        height={600}
        treeData={roots.map((r) => toNode(r, label))}
        expandedKeys={expanded}
        onExpand={setExpanded}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_keys, info) => onSelect(String(info.node.key))}
      />
    </div>
  );
}
