import { Card, Flex, List, Table, Typography } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { PaginationConfig } from 'antd/es/pagination';
import type { ColumnsType } from 'antd/es/table';
import type { Key, MouseEventHandler, ReactNode } from 'react';
import { usePhone } from './use-phone';

export interface ResponsiveListProps<T> {
  columns: ColumnsType<T>;
  dataSource: readonly T[] | undefined;
  rowKey: string | ((record: T) => Key);
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  /** Attributes for a row (data-testid, data-*) and its onClick; on a phone they go on its card. */
  onRow?(record: T, index?: number): object;
  size?: 'small' | 'middle' | 'large';
  scroll?: { x?: number | string | true };
  locale?: { emptyText?: ReactNode };
  /**
   * One record as a phone card. Without it the card lists the columns as "title: value" lines,
   * the first column (usually the link) as its heading.
   */
  renderCard?(record: T, index: number): ReactNode;
  /** Rows that open onto more (the table's expandable); at a desk only: a phone card shows its own way in. */
  expandable?: TableProps<T>['expandable'];
  'data-testid'?: string;
}

/** What the phone card reads of a column (the table's column types are too rich to walk generically). */
interface PlainColumn {
  key?: Key;
  title?: ReactNode;
  dataIndex?: string | number | readonly (string | number)[];
  render?(value: unknown, record: unknown, index: number): unknown;
}

/** The cell a column shows for a record, the way the table would render it. */
function cellOf(column: PlainColumn, record: object, index: number): ReactNode {
  const path = column.dataIndex === undefined ? [] : Array.isArray(column.dataIndex) ? column.dataIndex : [column.dataIndex];
  let value: unknown = path.length ? record : undefined;
  for (const k of path as (string | number)[]) value = value === null || value === undefined ? undefined : (value as Record<string | number, unknown>)[k];
  const rendered = column.render ? column.render(value, record, index) : value;
  // A render may return { children, props } (cell spans): the card takes the children.
  if (rendered !== null && typeof rendered === 'object' && !('$$typeof' in rendered) && 'children' in rendered) {
    return (rendered as { children: ReactNode }).children;
  }
  return rendered as ReactNode;
}

function DefaultCard({ columns, record, index }: { columns: PlainColumn[]; record: object; index: number }) {
  const [head, ...rest] = columns;
  return (
    <Flex vertical gap={4}>
      {head && <div style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{cellOf(head, record, index)}</div>}
      {rest.map((c, i) => {
        const cell = cellOf(c, record, index);
        if (cell === null || cell === undefined || cell === '') return null;
        return (
          <Flex key={String(c.key ?? i)} gap={8} align="baseline" style={{ minWidth: 0 }}>
            {c.title !== undefined && c.title !== '' && (
              <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
                {c.title}
              </Typography.Text>
            )}
            <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{cell}</div>
          </Flex>
        );
      })}
    </Flex>
  );
}

/**
 * A list of records as an antd Table at a desk and as cards on a phone (below 768 px), where a
 * table would make the page scroll sideways. A row's `onRow` attributes (data-testid and data-*)
 * go on its card, so tests find rows the same way on both.
 */
export function ResponsiveList<T extends object>(props: ResponsiveListProps<T>) {
  const phone = usePhone();
  const { columns, dataSource, rowKey, loading, pagination, onRow, size, scroll, locale, renderCard, expandable } = props;
  if (!phone) {
    return (
      <Table<T>
        data-testid={props['data-testid']}
        columns={columns}
        dataSource={dataSource}
        rowKey={rowKey as TableProps<T>['rowKey']}
        loading={loading}
        pagination={pagination}
        onRow={onRow as TableProps<T>['onRow']}
        size={size}
        scroll={scroll as TableProps<T>['scroll']}
        locale={locale}
        expandable={expandable}
      />
    );
  }

  const plain = (columns as unknown as (PlainColumn & { children?: unknown })[]).filter((c) => !c.children);
  const records = (dataSource ?? []) as readonly object[];
  const keyOf = (record: object, index: number): Key =>
    typeof rowKey === 'function' ? rowKey(record as T) : ((record as Record<string, Key | undefined>)[rowKey] ?? index);
  const cardPagination: PaginationConfig | false =
    pagination === false
      ? false
      : {
          current: pagination?.current,
          pageSize: pagination?.pageSize ?? 10,
          total: pagination?.total,
          onChange: pagination?.onChange,
          showTotal: pagination?.showTotal,
          size: 'small',
          align: 'center',
          hideOnSinglePage: true,
        };

  return (
    <List
      data-testid={props['data-testid']}
      dataSource={[...records]}
      loading={loading}
      rowKey={(r: object) => keyOf(r, records.indexOf(r))}
      pagination={cardPagination}
      locale={locale?.emptyText !== undefined ? { emptyText: locale.emptyText } : undefined}
      split={false}
      renderItem={(record: object, index: number) => {
        const row: Record<string, unknown> = { ...(onRow?.(record as T, index) ?? {}) };
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(row)) if (k.startsWith('data-') && v !== undefined && v !== null) attrs[k] = String(v);
        return (
          <List.Item style={{ padding: '4px 0', display: 'block' }}>
            <Card size="small" {...attrs} onClick={row.onClick as MouseEventHandler<HTMLDivElement> | undefined} style={{ width: '100%' }}>
              {renderCard ? renderCard(record as T, index) : <DefaultCard columns={plain} record={record} index={index} />}
            </Card>
          </List.Item>
        );
      }}
    />
  );
}
