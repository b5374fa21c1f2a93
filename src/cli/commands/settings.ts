import { parseArgs } from 'node:util';
import { isLedeError } from '../../core/errors.js';
import { isSettingKey, maskSecrets, type SettingKey, settingKeys, settingsCatalogue } from '../../core/settings-catalogue.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';
import type { SettingState } from '../../store/types.js';

const usage = `usage: lede settings list | get KEY | set KEY JSON
keys: ${settingKeys.join(', ')}
`;

const originText = (state: SettingState<SettingKey>) =>
  state.origin === 'invalid'
    ? `invalid, using the default (${state.problem?.field ? `\`${state.problem.field}\` ` : ''}${state.problem?.reason})`
    : state.origin === 'stored'
      ? 'set'
      : 'default';

function unknownKey(key: string): number {
  process.stderr.write(`lede settings: unknown setting "${key}" (known: ${settingKeys.join(', ')})\n`);
  return 1;
}

/**
 * `lede settings list | get KEY | set KEY JSON`: the settings catalogue from the command line,
 * until (and beside) the newsroom. Values are shown with secrets masked; `set` validates
 * against the catalogue, and its `settings` event makes every running process follow.
 */
export async function runSettings(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [action, key, json, ...rest] = positionals;
  const arity = { list: 1, get: 2, set: 3 }[action ?? ''];
  if (arity === undefined || positionals.length !== arity || rest.length > 0) {
    process.stderr.write(usage);
    return 2;
  }
  if (key !== undefined && !isSettingKey(key)) return unknownKey(key);
  let value: unknown;
  if (action === 'set') {
    try {
      value = JSON.parse(json ?? '');
    } catch (error) {
      process.stderr.write(`lede settings: ${key}: not valid JSON (${(error as Error).message})\n`);
      return 1;
    }
  }
  // `list` and `get` say themselves when a stored value no longer validates.
  const store = await openStore({ url: config().databaseUrl, onInvalidSetting: () => {} });
  try {
    await store.migrate();
    if (action === 'list') {
      const states = await Promise.all(settingKeys.map((k) => store.settings.inspect(k)));
      const width = Math.max(...settingKeys.map((k) => k.length)) + 2;
      for (const state of states) {
        process.stdout.write(
          `${state.key.padEnd(width)}${originText(state).padEnd(9)} ${JSON.stringify(maskSecrets(state.key, state.value))}\n`,
        );
        process.stdout.write(`${' '.repeat(width)}${settingsCatalogue[state.key].description}\n`);
      }
      return 0;
    }
    const settingKey = key as SettingKey;
    if (action === 'get') {
      const state = await store.settings.inspect(settingKey);
      if (state.origin === 'invalid') process.stderr.write(`lede settings: ${settingKey}: stored value ${originText(state)}\n`);
      process.stdout.write(`${JSON.stringify(maskSecrets(settingKey, state.value), null, 2)}\n`);
      return 0;
    }
    try {
      await store.settings.set(settingKey, value as never);
    } catch (error) {
      if (!isLedeError(error, 'LEDE_SETTINGS_INVALID')) throw error;
      process.stderr.write(`lede settings: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`lede settings: ${settingKey} set; running servers follow within seconds\n`);
    return 0;
  } finally {
    await store.close();
  }
}
