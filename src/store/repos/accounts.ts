import type { Kysely, Selectable } from 'kysely';
import { isUserRole, type User } from '../../core/roles.js';
import type { Database, UserRow } from '../schema.js';
import type { AccountRepo, UserCredentials } from '../types.js';

const userColumns = ['id', 'email', 'name', 'role', 'totp_enabled', 'created_at', 'disabled_at'] as const;

const toUser = (row: Pick<Selectable<UserRow>, (typeof userColumns)[number]>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  // A role the code no longer knows gets the least trust.
  role: isUserRole(row.role) ? row.role : 'writer',
  isTotpEnabled: Number(row.totp_enabled) === 1,
  createdAt: row.created_at,
  ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
});

/** Newsroom users, sessions, API tokens and login attempts (migration 0008). */
export function createAccountRepo(db: Kysely<Database>): AccountRepo {
  const failures = async (column: 'email' | 'address', value: string, since: string, limit: number) => {
    const rows = await db
      .selectFrom('login_attempts')
      .select('at')
      .where(column, '=', value)
      .where('succeeded', '=', 0)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.at);
  };
  return {
    async createUser(input) {
      await db
        .insertInto('users')
        .values({
          id: input.id,
          email: input.email,
          name: input.name,
          role: input.role,
          password_hash: input.passwordHash,
          totp_secret: null,
          created_at: input.createdAt,
          disabled_at: null,
        })
        .execute();
    },
    async findUser(id) {
      const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async findCredentials(email) {
      const row = await db
        .selectFrom('users')
        .select([...userColumns, 'password_hash', 'totp_secret'])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      if (!row) return undefined;
      const credentials: UserCredentials = { ...toUser(row), passwordHash: row.password_hash };
      if (row.totp_secret) credentials.totpSecret = row.totp_secret;
      return credentials;
    },
    async totpSecret(id) {
      const row = await db.selectFrom('users').select('totp_secret').where('id', '=', id).executeTakeFirst();
      return row?.totp_secret ?? undefined;
    },
    async listUsers() {
      const rows = await db.selectFrom('users').select(userColumns).orderBy('email').execute();
      return rows.map(toUser);
    },
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async setPassword(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async setTotp(id, input) {
      await db
        .updateTable('users')
        .set({ totp_secret: input.secret, totp_enabled: input.isEnabled ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },
    async createSession(input) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: input.idHash,
          user_id: input.userId,
          csrf_token: input.csrfToken,
          created_at: input.createdAt,
          expires_at: input.expiresAt,
        })
        .execute();
    },
    async findSession(idHash, now) {
      const row = await db
        .selectFrom('sessions')
        .select(['user_id', 'csrf_token', 'expires_at'])
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteSessionsOf(userId) {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async createToken(input) {
      await db
        .insertInto('api_tokens')
        .values({ id: input.id, user_id: input.userId, token_hash: input.tokenHash, created_at: input.createdAt, revoked_at: null })
        .execute();
    },
    async findTokenUser(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row?.user_id;
    },
    async recordLoginAttempt(input) {
      await db
        .insertInto('login_attempts')
        .values({ email: input.email.toLowerCase(), address: input.address, at: input.at, succeeded: input.isSuccess ? 1 : 0 })
        .execute();
    },
    async loginFailures(input) {
      const [byEmail, byAddress] = await Promise.all([
        failures('email', input.email.toLowerCase(), input.since, input.limit),
        failures('address', input.address, input.since, input.limit),
      ]);
      return { byEmail, byAddress };
    },
    async prune(before) {
      await db.deleteFrom('login_attempts').where('at', '<', before).execute();
      await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
    },
    async clearLoginFailures(email) {
      await db.deleteFrom('login_attempts').where('email', '=', email.toLowerCase()).where('succeeded', '=', 0).execute();
    },
  };
}
