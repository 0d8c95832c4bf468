import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
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
      <span>
        {org.name} <Typography.Text type="secondary">{label(org)}</Typography.Text>
      </span>
    ),
    isLeaf: org.children.length === 0,
    children: org.children.map((c) => toNode(c, label)),
  };
}

/** The whole organization tree, already nested by the server; virtual scrolling keeps a county's thousands of nodes light. */
export function OrgTree({ roots, selectedId, onSelect }: OrgTreeProps) {
  const { t } = useTranslation();
  const label = (org: PartyOrgNode) => t('party.treeCount', { count: org.memberCount });
  return (
    <div data-testid="party-org-tree">
      <Tree
        showLine
        blockNode
        height={600}
        treeData={roots.map((r) => toNode(r, label))}
        defaultExpandedKeys={roots.flatMap((r) => [r.id, ...r.children.slice(0, 1).map((c) => c.id)])}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_keys, info) => onSelect(String(info.node.key))}
      />
    </div>
  );
}
