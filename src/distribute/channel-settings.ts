import type { PurgeSetting, TelegramSetting } from '../core/settings-catalogue.js';
import type { PurgeSettings } from './channels/purge.js';
import type { TelegramSettings } from './channels/telegram-api.js';

export const defaultTelegramApiBase = 'https://api.telegram.org';

/** `LEDE_TELEGRAM_*` as read by `server/config.ts`; when set they override the settings. */
export interface TelegramEnv {
  botToken?: string;
  chatId?: string;
  apiBase?: string;
}

/** Where a value came from, so the newsroom can say "set by the environment". */
export type SettingOrigin = 'env' | 'settings' | 'default' | 'unset';

export interface ResolvedTelegram {
  /** Complete settings, or undefined while the token or chat is missing. */
  settings?: TelegramSettings;
  setBy: { botToken: SettingOrigin; chatId: SettingOrigin; apiBase: SettingOrigin };
  chatId?: string;
  apiBase: string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isHttpUrl = (value: string | undefined) => value !== undefined && /^https?:\/\/[^\s]+$/i.test(value);

/** The `telegram` setting `{ botToken, chatId, apiBase }`, each value overridden by the environment when set there. */
export function resolveTelegram(env: TelegramEnv, stored: TelegramSetting): ResolvedTelegram {
  const pick = (key: keyof TelegramEnv): { value?: string; origin: SettingOrigin } => {
    const fromEnv = text(env[key]);
    if (fromEnv) return { value: fromEnv, origin: 'env' };
    const fromSettings = stored[key];
    return fromSettings ? { value: fromSettings, origin: 'settings' } : { origin: 'unset' };
  };
  const botToken = pick('botToken');
  const chatId = pick('chatId');
  const picked = pick('apiBase');
  const apiBase = isHttpUrl(picked.value)
    ? { value: picked.value!, origin: picked.origin }
    : { value: defaultTelegramApiBase, origin: 'default' as const };
  const setBy = { botToken: botToken.origin, chatId: chatId.origin, apiBase: apiBase.origin };
  const complete = botToken.value && chatId.value ? { botToken: botToken.value, chatId: chatId.value, apiBase: apiBase.value } : undefined;
  return { settings: complete, setBy, chatId: chatId.value, apiBase: apiBase.value };
}

/** The `purge` setting `{ url, headerName?, token?, tokenHeader? }` (validated by the catalogue); undefined while it is null. */
export function resolvePurge(stored: PurgeSetting): PurgeSettings | undefined {
  return stored ?? undefined;
}
