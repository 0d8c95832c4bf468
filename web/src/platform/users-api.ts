import type { CreateUserBody, ResetPasswordBody, User, UserList } from '../../../src/platform/accounts/schema.ts';
import { apiGet, apiPost } from '../api';

export function listUsers(page: number, pageSize: number): Promise<UserList> {
  return apiGet<UserList>('/users', { page, pageSize });
}

export function createUser(body: CreateUserBody): Promise<User> {
  return apiPost<User>('/users', body);
}

export function disableUser(id: string): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/disable`);
}

export function unlockUser(id: string): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/unlock`);
}

export function resetPassword(id: string, body: ResetPasswordBody): Promise<User> {
  return apiPost<User>(`/users/${encodeURIComponent(id)}/reset-password`, body);
}

/** Locked now (a lock that has run out no longer counts). */
export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}
