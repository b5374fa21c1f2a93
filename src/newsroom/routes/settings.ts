import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { isSettingKey, maskedSecret, maskSecrets, type SettingKey, settingKeys, settingsCatalogue } from '../../core/settings-catalogue.js';
import type { Store } from '../../store/types.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';

type KeyParams = { Params: { key: string } };

const keyOf = (key: string): SettingKey => {
  if (!isSettingKey(key)) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no setting "${key}" (known: ${settingKeys.join(', ')})`);
  return key;
};

async function settingJson(store: Store, key: SettingKey) {
  const state = await store.settings.inspect(key);
  return {
    key,
    value: maskSecrets(key, state.value),
    origin: state.origin,
    description: settingsCatalogue[key].description,
    default: maskSecrets(key, settingsCatalogue[key].default),
    ...(state.problem ? { problem: state.problem } : {}),
  };
}

/**
 * A secret shown masked (`***`) and sent back unchanged keeps its stored value, so that an editor
 * can change a channel's other fields without typing its token again. Entries of a list match by
 * position and `url`.
 */
function withStoredSecrets(key: SettingKey, value: unknown, stored: unknown): unknown {
  const secrets: readonly string[] = settingsCatalogue[key].secrets ?? [];
  const merge = (entry: unknown, old: unknown): unknown => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry) || !old || typeof old !== 'object') return entry;
    const previous = old as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(entry).map(([field, v]) => [field, secrets.includes(field) && v === maskedSecret ? previous[field] : v]),
    );
  };
  if (secrets.length === 0) return value;
  if (Array.isArray(value)) {
    const old = Array.isArray(stored) ? stored : [];
    return value.map((entry, i) => {
      const match = old[i] as { url?: unknown } | undefined;
      return match && (entry as { url?: unknown })?.url === match.url ? merge(entry, match) : entry;
    });
  }
  return merge(value, stored);
}

/** Run-time settings of the catalogue (admins): read with secrets masked, write validated (the field and the reason on 400). */
export function registerSettingRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const admin = { preHandler: requireRole('admin') };

  app.get('/settings', admin, async () => ({ items: await Promise.all(settingKeys.map((key) => settingJson(ctx.store, key))) }));

  app.get<KeyParams>('/settings/:key', admin, async (request) => settingJson(ctx.store, keyOf(request.params.key)));

  app.put<KeyParams>('/settings/:key', admin, async (request) => {
    const key = keyOf(request.params.key);
    const stored = (await ctx.store.settings.inspect(key)).value;
    const value = withStoredSecrets(key, request.body, stored);
    await ctx.store.transaction(async (tx) => {
      // biome-ignore lint/suspicious/noExplicitAny: validated by the catalogue's schema for `key` inside `set`.
      await tx.settings.set(key, value as any);
      await tx.audit.append({ at: ctx.clock.now().toISOString(), userId: userOf(request).id, action: 'settings.set', details: { key } });
    });
    return settingJson(ctx.store, key);
  });
}
