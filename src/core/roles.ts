/** Newsroom roles, from least to most trusted (DESIGN "Newsroom admin API"). */
export const userRoles = ['writer', 'editor', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const isUserRole = (value: unknown): value is UserRole =>
  typeof value === 'string' && (userRoles as readonly string[]).includes(value);

/** A newsroom account as every layer sees it (never its password hash or TOTP secret). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  isTotpEnabled: boolean;
  createdAt: string;
  disabledAt?: string;
}

/** Publishing, unpublishing, killing, scheduling and editing others' stories. */
export const canPublish = (role: UserRole) => role === 'editor' || role === 'admin';

/** Whether `role` is one of `allowed`. An admin may do what an editor may. */
export function hasRole(role: UserRole, allowed: readonly UserRole[]): boolean {
  return allowed.includes(role) || (role === 'admin' && allowed.includes('editor'));
}
