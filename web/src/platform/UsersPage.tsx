import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User, UserList, UserWithCode } from '../../../src/platform/accounts/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { formatDateTime, roleLabel } from '../labels';
import { CreateUserModal } from './CreateUserModal';
import { IssuedCodeModal } from './IssuedCodeModal';
import { UserFilters, type UserFilter } from './UserFilters';
import {
  approveCredential,
  canApprove,
  cancelCredential,
  disableUser,
  isLocked,
  listUserDepartments,
  listUsers,
  requestPasswordReset,
  unlockUser,
} from './users-api';

/**
 * Accounts in the admin's scope. 系统管理员 creates and disables; 安全管理员 unlocks and disables.
 * A new account or a password reset takes both: one requests it and gets code half A, the other
 * approves it and gets half B, and only the user, with both, chooses the password (三权分立).
 */
export default function UsersPage() {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = me.permissions.includes('users.manage');
  const canSecure = me.permissions.includes('users.security');

  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [reloadTick, setReloadTick] = useState(0);
  const [data, setData] = useState<UserList>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<UserWithCode | null>(null);

  const [filter, setFilter] = useState<UserFilter>({});
  const [departments, setDepartments] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    listUserDepartments()
      .then(setDepartments)
      .catch(() => setDepartments([]));
  }, []);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listUsers({ ...filter, page, pageSize })
      .then((list) => !cancelled && setData(list))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filter, page, pageSize, reloadTick, message]);

  const replaceRow = (updated: User) => setData((d) => ({ ...d, items: d.items.map((u) => (u.id === updated.id ? updated : u)) }));

  /** Runs a row action, swaps in the returned user and says what happened. */
  const act = async (user: User, run: (id: string) => Promise<User>, done: string) => {
    setBusyId(user.id);
    try {
      replaceRow(await run(user.id));
      void message.success(done);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  /** A step that hands out a code half: swap in the user and show the half once. */
  const issue = async (user: User, run: (id: string) => Promise<UserWithCode>) => {
    setBusyId(user.id);
    try {
      const answer = await run(user.id);
      replaceRow(answer);
      setIssued(answer);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  /** What the open grant waits for, in words. */
  const credentialState = (u: User) => {
    const c = u.credential;
    if (!c) return null;
    if (c.expired) return <Tag color="default">{t('users.credential.expired')}</Tag>;
    if (!c.approved)
      return <Tag color="orange">{t(`users.credential.awaiting.${c.requestedRole === 'system_admin' ? 'security_admin' : 'system_admin'}`)}</Tag>;
    return <Tag color="blue">{t('users.credential.awaitingUser')}</Tag>;
  };

  const isBusinessUser = (u: User) => !['system_admin', 'security_admin', 'audit_admin'].includes(u.role) && u.id !== me.id;

  const columns: ColumnsType<User> = [
    { key: 'username', dataIndex: 'username', title: t('users.column.username') },
    {
      key: 'displayName',
      title: t('users.column.displayName'),
      render: (_, u) => (
        <Space size={4}>
          {u.displayName}
          {u.id === me.id && <Tag>{t('users.self')}</Tag>}
        </Space>
      ),
    },
    { key: 'role', title: t('users.column.role'), render: (_, u) => roleLabel(t, u.role) },
    { key: 'region', dataIndex: 'regionName', title: t('users.column.region') },
    {
      key: 'department',
      title: t('users.column.department'),
      render: (_, u) => u.departmentName ?? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('users.column.status'),
      render: (_, u) => (
        <Space size={4} wrap>
          <Tag color={u.status === 'active' ? 'green' : u.status === 'pending' ? 'orange' : 'default'}>{t(`users.status.${u.status}`)}</Tag>
          {credentialState(u)}
        </Space>
      ),
    },
    {
      key: 'locked',
      title: t('users.column.locked'),
      render: (_, u) =>
        isLocked(u) ? (
          <Tag color="red">{t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('users.notLocked')}</Typography.Text>
        ),
    },
    {
      key: 'totp',
      title: t('users.column.totp'),
      render: (_, u) => (u.totpEnrolled ? t('users.totpEnrolled') : t('users.totpNotEnrolled')),
    },
    { key: 'createdAt', title: t('users.column.createdAt'), render: (_, u) => formatDateTime(u.createdAt) },
    {
      key: 'actions',
      title: t('users.column.actions'),
      render: (_, u) => (
        <Space size={0} wrap>
          {canSecure && isLocked(u) && (
            <Popconfirm
              title={t('users.confirm.unlock', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(u, unlockUser, t('users.done.unlocked', { name: u.displayName }))}
            >
              <Button type="link" size="small" loading={busyId === u.id}>
                {t('users.action.unlock')}
              </Button>
            </Popconfirm>
          )}
          {canApprove(u, me.role) && (
            <Popconfirm
              title={t(`users.confirm.approve.${u.credential!.kind}`, { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => issue(u, approveCredential)}
            >
              <Button type="link" size="small" loading={busyId === u.id} data-testid="user-approve">
                {t('users.action.approve')}
              </Button>
            </Popconfirm>
          )}
          {u.credential && (
            <Popconfirm
              title={t('users.confirm.cancelCredential', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(u, cancelCredential, t('users.done.credentialCancelled', { name: u.displayName }))}
            >
              <Button type="link" size="small" loading={busyId === u.id}>
                {t('users.action.cancelCredential')}
              </Button>
            </Popconfirm>
          )}
          {isBusinessUser(u) && u.status !== 'disabled' && (
            <Popconfirm
              title={t('users.confirm.resetPassword', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => issue(u, requestPasswordReset)}
            >
              <Button type="link" size="small" loading={busyId === u.id} data-testid="user-reset-password">
                {t(u.status === 'pending' ? 'users.action.reissue' : 'users.action.resetPassword')}
              </Button>
            </Popconfirm>
          )}
          {(canManage || canSecure) && u.status !== 'disabled' && u.id !== me.id && (
            <Popconfirm
              title={t('users.confirm.disable', { name: u.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => act(u, disableUser, t('users.done.disabled', { name: u.displayName }))}
            >
              <Button type="link" size="small" danger loading={busyId === u.id}>
                {t('users.action.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('nav.users')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        )
      }
    >
      <UserFilters
        departments={departments}
        onSearch={(next) => {
          setFilter(next);
          setPage(1);
        }}
      />
      <div data-testid="users-table">
        <Table<User>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      </div>
      {canManage && (
        <CreateUserModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setIssued(u);
            setReloadTick((n) => n + 1);
          }}
        />
      )}
      <IssuedCodeModal issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
