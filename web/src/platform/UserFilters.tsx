import { Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type UserListQuery } from '../../../src/platform/accounts/schema.ts';
import { roleLabel } from '../labels';
import { RegionPicker } from '../people/RegionPicker';

export type UserFilter = Pick<UserListQuery, 'q' | 'role' | 'regionCode' | 'departmentId'>;

interface UserFiltersProps {
  departments: { id: string; name: string }[];
  onSearch(filter: UserFilter): void;
}

/** Search by name or username; narrow by role, region (its whole subtree) and department. */
export function UserFilters({ departments, onSearch }: UserFiltersProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFilter>();
  const search = (v: UserFilter) => onSearch({ ...v, q: v.q?.trim() || undefined });
  return (
    <Form<UserFilter> form={form} layout="inline" onFinish={search} style={{ rowGap: 12, marginBottom: 16 }} data-testid="users-filters">
      <Form.Item name="q" label={t('users.filter.q')}>
        <Input.Search
          allowClear
          placeholder={t('users.filter.qPlaceholder')}
          style={{ width: 200 }}
          onSearch={() => form.submit()}
          data-testid="users-filter-q"
        />
      </Form.Item>
      <Form.Item name="role" label={t('users.column.role')}>
        <Select
          allowClear
          placeholder={t('audit.filter.all')}
          style={{ width: 180 }}
          options={ROLES.filter((r) => r !== 'resident').map((r) => ({ value: r, label: roleLabel(t, r) }))}
          data-testid="users-filter-role"
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t('users.column.region')}>
        <RegionPicker allowClear placeholder={t('audit.filter.all')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('users.column.department')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filter.all')}
          style={{ width: 200 }}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          data-testid="users-filter-department"
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('audit.filter.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('audit.filter.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
