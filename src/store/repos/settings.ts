import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SettingsRepo } from '../types.js';

export function createSettingsRepo(db: Kysely<Database>): SettingsRepo {
  return {
    async get<T>(key: string) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async set(key, value) {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
  };
}
