import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ApiKey, ApiKeyRepo } from '../types.js';

const toApiKey = (r: { id: string; name: string; created_at: string; revoked_at: string | null }): ApiKey => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
});

export function createApiKeyRepo(db: Kysely<Database>): ApiKeyRepo {
  return {
    async create(input) {
      await db
        .insertInto('api_keys')
        .values({ id: input.id, name: input.name, key_hash: input.keyHash, created_at: input.createdAt, revoked_at: null })
        .execute();
    },
    async findActiveByHash(keyHash) {
      const row = await db
        .selectFrom('api_keys')
        .select(['id', 'name', 'created_at', 'revoked_at'])
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? toApiKey(row) : undefined;
    },
    async list() {
      const rows = await db.selectFrom('api_keys').select(['id', 'name', 'created_at', 'revoked_at']).orderBy('name').execute();
      return rows.map(toApiKey);
    },
    async revoke(name, at) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('name', '=', name)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
