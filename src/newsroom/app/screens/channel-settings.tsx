import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { StatusMessages } from '../status-messages';

/** The channel settings of the catalogue, each with its text fields (secrets come back as `***`, kept when sent back). */
const forms = [
  { setting: 'telegram', title: 'Telegram', fields: ['botToken', 'chatId', 'apiBase'], isNullable: false },
  { setting: 'websub', title: 'WebSub', fields: ['hub'], isNullable: false },
  { setting: 'purge', title: 'CDN purge', fields: ['url', 'headerName', 'token', 'tokenHeader'], isNullable: true },
] as const;

type Values = Record<string, string>;

/** Telegram, WebSub and CDN purge through `GET|PUT settings/{key}`; an empty field is left out (purge: all empty is off). */
export function ChannelSettings() {
  return (
    <>
      {forms.map((form) => (
        <SettingForm key={form.setting} {...form} />
      ))}
    </>
  );
}

function SettingForm({ setting: name, title, fields, isNullable }: (typeof forms)[number]) {
  const { api } = useNewsroom();
  const [values, setValues] = useState<Values>({});
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});

  const load = async () => {
    const setting = await api.get<{ value: Record<string, unknown> | null }>(`settings/${name}`);
    setValues(Object.fromEntries(fields.map((f) => [f, String(setting.value?.[f] ?? '')])));
  };
  useEffect(() => {
    load().catch((failure) => setMessage({ error: describeError(failure) }));
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const entries = Object.entries(values).filter(([, v]) => v.trim() !== '');
    const value = isNullable && entries.length === 0 ? null : Object.fromEntries(entries.map(([f, v]) => [f, v.trim()]));
    try {
      await api.request('PUT', `settings/${name}`, { body: value });
      await load();
      setMessage({ notice: `${title} saved.` });
    } catch (failure) {
      setMessage({ error: describeError(failure) });
    }
  }

  return (
    <form class={`setting-${name}`} onSubmit={save}>
      <h2>{title}</h2>
      {fields.map((field) => (
        <label key={field}>
          {field}
          <input
            name={`${name}.${field}`}
            value={values[field] ?? ''}
            onInput={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
          />
        </label>
      ))}
      <button type="submit">Save {title}</button>
      <StatusMessages error={message.error} notice={message.notice} />
    </form>
  );
}
