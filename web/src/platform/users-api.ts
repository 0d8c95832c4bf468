import type { ActivateBody, CreateUserBody, User, UserList, UserListQuery, UserWithCode } from '../../../src/platform/accounts/schema.ts';
import { apiGet, apiPost } from '../api';

/** Accounts in the admin's scope, narrowed by name/username, role, region and department. */
export function listUsers(query: UserListQuery): Promise<UserList> {
  return apiGet<UserList>('/users', { ...query });
}

/** Departments by name, for the list's department filter. */
export function listUserDepartments(): Promise<{ id: string; name: string }[]> {
  return apiGet<{ id: string; name: string }[]>('/users/departments');
}

/** Creates a pending account; the answer carries code half A for the system admin. */
export function createUser(body: CreateUserBody): Promise<UserWithCode> {
  return apiPost<UserWithCode>('/users', body);
}

export function disableUser(id: string): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/disable`);
}

export function unlockUser(id: string): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/unlock`);
}

/** Requests a reset: the old password stops working; the answer carries half A. */
export function requestPasswordReset(id: string): Promise<UserWithCode> {
  return apiPost<UserWithCode>(`/users/${encodeURIComponent(id)}/reset-password`);
}

/** The other admin approves; the answer carries half B. */
export function approveCredential(id: string): Promise<UserWithCode> {
  return apiPost<UserWithCode>(`/users/${encodeURIComponent(id)}/credential/approve`);
}

export function cancelCredential(id: string): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/credential/cancel`);
}

/** The user redeems both halves and chooses a password (no session needed). */
export function activateAccount(body: ActivateBody): Promise<void> {
  return apiPost<void>('/auth/activate', body);
}

/** Locked now (a lock that has run out no longer counts). */
export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

/** Whether this admin may approve the user's open grant: only the other admin role, before it expires. */
export function canApprove(user: User, myRole: string): boolean {
  const c = user.credential;
  return c !== null && !c.approved && !c.expired && c.requestedRole !== myRole;
}
