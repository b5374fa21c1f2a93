import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { LedeError } from '../../core/errors.js';
import type { User, UserRole } from '../../core/roles.js';
import type { Store } from '../../store/types.js';
import { loginLimits, loginRetryAfter } from './login-limit.js';
import { checkPassword, hashPassword, verifyPassword } from './passwords.js';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/** Compares two secrets in constant time (a wrong CSRF token's timing tells nothing). */
export function isSameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SignedIn {
  user: User;
  /** The session cookie's value: shown once, only its hash is stored. */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

const loginFailed = (field?: string) =>
  new LedeError('LEDE_AUTH_LOGIN_FAILED', 'the e-mail address, password or two-factor code is wrong, or the account is disabled', {
    details: field ? { field } : {},
  });

/**
 * Newsroom accounts: users, sign-in with its rate limit and two-factor codes, sessions and API
 * tokens. Every secret is stored as a hash (argon2id for passwords, SHA-256 for random tokens);
 * every change to an account is audited in its own transaction.
 */
export function createAccounts(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  // Verified when the account does not exist, so an unknown address answers as slowly as a known one.
  let dummyHash: Promise<string> | undefined;
  const now = () => clock.now();

  return {
    async addUser(input: { email: string; name: string; role: UserRole; password: string; by?: string }): Promise<User> {
      checkPassword(input.password);
      const email = input.email.trim().toLowerCase();
      if (await store.accounts.findCredentials(email)) {
        throw new LedeError('LEDE_NEWSROOM_EXISTS', `a user with the e-mail address ${email} already exists`, {
          details: { field: 'email' },
        });
      }
      const passwordHash = await hashPassword(input.password);
      const id = randomUUID();
      const at = now().toISOString();
      await store.transaction(async (tx) => {
        await tx.accounts.createUser({ id, email, name: input.name.trim(), role: input.role, passwordHash, createdAt: at });
        await tx.audit.append({ at, userId: input.by, action: 'user.add', details: { id, email, role: input.role } });
      });
      return (await store.accounts.findUser(id))!;
    },

    async setPassword(input: { userId: string; password: string; by?: string }): Promise<void> {
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      const at = now().toISOString();
      await store.transaction(async (tx) => {
        if (!(await tx.accounts.findUser(input.userId))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no user ${input.userId}`);
        await tx.accounts.setPassword(input.userId, passwordHash);
        // A reset password ends every session opened with the old one.
        await tx.accounts.deleteSessionsOf(input.userId);
        await tx.audit.append({ at, userId: input.by, action: 'user.password', details: { id: input.userId } });
      });
    },

    /**
     * Signs in: refused with 429 while the account or the address is over its limit (counted in
     * the database, so every process sees the same failures), else the password (and the TOTP
     * code when the account has two-factor sign-in) is checked and a session opened.
     */
    async login(input: { email: string; password: string; totp?: string; address: string }): Promise<SignedIn> {
      const at = now();
      const email = input.email.trim().toLowerCase();
      const since = new Date(at.getTime() - loginLimits.windowMs).toISOString();
      const failures = await store.accounts.loginFailures({ email, address: input.address, since, limit: loginLimits.perAddress });
      const retryAfter = loginRetryAfter({ ...failures, now: at });
      if (retryAfter !== undefined) {
        throw new LedeError(
          'LEDE_AUTH_RATE_LIMITED',
          `too many failed logins for ${email} or from this address; retry in ${retryAfter} s`,
          {
            retryAfterSeconds: retryAfter,
          },
        );
      }
      const credentials = await store.accounts.findCredentials(email);
      dummyHash ??= hashPassword(newSecret());
      const isPassword = await verifyPassword(credentials?.passwordHash ?? (await dummyHash), input.password);
      const fail = async (field?: string) => {
        await store.accounts.recordLoginAttempt({ email, address: input.address, at: at.toISOString(), isSuccess: false });
        return loginFailed(field);
      };
      if (!credentials || !isPassword || credentials.disabledAt) throw await fail();
      if (credentials.isTotpEnabled) {
        if (!input.totp) {
          throw new LedeError('LEDE_AUTH_TOTP_REQUIRED', 'this account signs in with a two-factor code: send it as `totp`', {
            details: { field: 'totp' },
          });
        }
        if (!credentials.totpSecret || !verifyTotp(credentials.totpSecret, input.totp, at)) throw await fail('totp');
      }
      const { sessionHours } = await store.settings.get('newsroom');
      const sessionId = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(at.getTime() + sessionHours * 3_600_000).toISOString();
      const { passwordHash: _hash, totpSecret: _secret, ...user } = credentials;
      await store.transaction(async (tx) => {
        await tx.accounts.recordLoginAttempt({ email, address: input.address, at: at.toISOString(), isSuccess: true });
        await tx.accounts.clearLoginFailures(email);
        // Older than any window that counts: the tables stay small without a scheduled task.
        await tx.accounts.prune(new Date(at.getTime() - 24 * 3_600_000).toISOString());
        await tx.accounts.createSession({ idHash: sha256(sessionId), userId: user.id, csrfToken, createdAt: at.toISOString(), expiresAt });
        await tx.audit.append({ at: at.toISOString(), userId: user.id, action: 'session.login', details: { address: input.address } });
      });
      return { user, sessionId, csrfToken, expiresAt };
    },

    /** The signed-in user of a session cookie, unless the session expired or the user is disabled. */
    async fromSession(sessionId: string): Promise<{ user: User; csrfToken: string; idHash: string } | undefined> {
      const idHash = sha256(sessionId);
      const session = await store.accounts.findSession(idHash, now().toISOString());
      if (!session) return undefined;
      const user = await store.accounts.findUser(session.userId);
      if (!user || user.disabledAt) return undefined;
      return { user, csrfToken: session.csrfToken, idHash };
    },

    async fromToken(token: string): Promise<User | undefined> {
      const userId = await store.accounts.findTokenUser(sha256(token));
      const user = userId ? await store.accounts.findUser(userId) : undefined;
      return user && !user.disabledAt ? user : undefined;
    },

    logout: (idHash: string) => store.accounts.deleteSession(idHash),

    async logoutEverywhere(userId: string): Promise<number> {
      return store.transaction(async (tx) => {
        const ended = await tx.accounts.deleteSessionsOf(userId);
        await tx.audit.append({ at: now().toISOString(), userId, action: 'session.logout-everywhere', details: { sessions: ended } });
        return ended;
      });
    },

    /** A new API token for the user with that e-mail address: returned once, only its hash is stored. */
    async addToken(email: string): Promise<{ token: string; user: User }> {
      const credentials = await store.accounts.findCredentials(email);
      if (!credentials)
        throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no user with the e-mail address ${email}`, { details: { field: 'email' } });
      const token = `lede_${newSecret()}`;
      const at = now().toISOString();
      await store.transaction(async (tx) => {
        await tx.accounts.createToken({ id: randomUUID(), userId: credentials.id, tokenHash: sha256(token), createdAt: at });
        await tx.audit.append({ at, userId: credentials.id, action: 'token.add', details: {} });
      });
      const { passwordHash: _hash, totpSecret: _secret, ...user } = credentials;
      return { token, user };
    },

    /** Starts two-factor set-up: a new secret (not yet required) and the URI to scan. */
    async beginTotp(user: User): Promise<{ secret: string; uri: string }> {
      if (user.isTotpEnabled)
        throw new LedeError('LEDE_NEWSROOM_STATE', 'two-factor sign-in is already on for this account; turn it off first');
      const secret = generateTotpSecret();
      await store.accounts.setTotp(user.id, { secret, isEnabled: false });
      const { name } = await store.settings.get('site');
      return { secret, uri: totpUri({ secret, account: user.email, issuer: name }) };
    },

    /** Turns two-factor sign-in on (a code from the set-up secret) or off (a code from the current one). */
    async confirmTotp(user: User, input: { code: string; isEnabled: boolean }): Promise<void> {
      const secret = await store.accounts.totpSecret(user.id);
      if (!secret || (input.isEnabled && user.isTotpEnabled) || (!input.isEnabled && !user.isTotpEnabled)) {
        throw new LedeError('LEDE_NEWSROOM_STATE', input.isEnabled ? 'start two-factor set-up first' : 'two-factor sign-in is not on');
      }
      if (!verifyTotp(secret, input.code, now())) {
        throw new LedeError('LEDE_NEWSROOM_INVALID', 'code: is not the current code of the authenticator', { details: { field: 'code' } });
      }
      await store.transaction(async (tx) => {
        await tx.accounts.setTotp(user.id, { secret: input.isEnabled ? secret : null, isEnabled: input.isEnabled });
        await tx.audit.append({
          at: now().toISOString(),
          userId: user.id,
          action: input.isEnabled ? 'totp.enable' : 'totp.disable',
          details: {},
        });
      });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
