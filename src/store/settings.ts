import { LedeError } from '../core/errors.js';
import {
  checkSetting,
  isSettingKey,
  type SettingKey,
  type SettingValue,
  settingKeys,
  settingsCatalogue,
} from '../core/settings-catalogue.js';
import type { SettingState, Settings, SettingsRepo } from './types.js';

/** A stored value that no longer validates: reported once per value, then the default is used. */
export interface InvalidSetting {
  key: SettingKey;
  field: string;
  reason: string;
}

/** `callouts`: `0.href` must be … ; the whole value when the field path is empty. */
const describeProblem = (key: string, field: string, reason: string) =>
  `setting "${key}": ${field ? `\`${field}\`` : 'the value'} ${reason}`;

/**
 * Typed reads and validated writes over the raw `settings` rows. `reported` remembers which
 * stored values were already reported invalid (shared by the store and its transactions), so
 * a bad value is logged once, not on every page.
 */
export function createSettings(deps: {
  repo: SettingsRepo;
  onInvalid: (problem: InvalidSetting) => void;
  reported: Map<string, string>;
}): Settings {
  const { repo } = deps;
  const inspect = async <K extends SettingKey>(key: K): Promise<SettingState<K>> => {
    const fallback = settingsCatalogue[key].default as SettingValue<K>;
    const stored = await repo.get<unknown>(key);
    if (stored === undefined) return { key, value: fallback, origin: 'default' };
    const checked = checkSetting(key, stored);
    if (checked.ok) return { key, value: checked.value, origin: 'stored' };
    const problem = { field: checked.field, reason: checked.reason };
    const json = JSON.stringify(stored);
    if (deps.reported.get(key) !== json) {
      deps.reported.set(key, json);
      deps.onInvalid({ key, ...problem });
    }
    return { key, value: fallback, origin: 'invalid', problem };
  };

  return {
    inspect,
    async get(key) {
      return (await inspect(key)).value;
    },
    async set(key, value) {
      if (!isSettingKey(key)) {
        throw new LedeError('LEDE_SETTINGS_INVALID', `unknown setting "${String(key)}" (known: ${settingKeys.join(', ')})`, {
          details: { key },
        });
      }
      const checked = checkSetting(key, value);
      if (!checked.ok) {
        throw new LedeError('LEDE_SETTINGS_INVALID', describeProblem(key, checked.field, checked.reason), {
          details: { key, field: checked.field, reason: checked.reason },
        });
      }
      // The value as given is kept (not with defaults filled in), so a later default still applies.
      await repo.set(key, value);
      deps.reported.delete(key);
      return checked.value;
    },
    getInternal: (key) => repo.get(key),
    async setInternal(key, value) {
      if (isSettingKey(key)) throw new Error(`"${key}" is a catalogued setting: write it with settings.set`);
      await repo.set(key, value);
    },
  };
}

/** The default report: a process warning on stderr, so a bad stored value is never silent. */
export function warnInvalidSetting(problem: InvalidSetting): void {
  process.emitWarning(`${describeProblem(problem.key, problem.field, problem.reason)}; using the default`, 'LedeSettingWarning');
}
