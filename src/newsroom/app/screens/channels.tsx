import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { formatTime } from '../format';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';
import { ChannelSettings } from './channel-settings';

interface ChannelDoc {
  name: string;
  kind: string;
  enabled: boolean;
  counts: Record<'pending' | 'delivering' | 'delivered' | 'failed' | 'skipped', number>;
}
interface DeliveryDoc {
  id: number;
  channel: string;
  kind: string;
  story_id: string;
  version: string | null;
  failures: number;
  last_error: string | null;
  finished_at: string | null;
}
interface WebhookDoc {
  id: number;
  channel: string;
  url: string;
  events: string[];
  is_active: boolean;
}
interface ApiKeyDoc {
  name: string;
  created_at: string;
  revoked_at: string | null;
}

const statuses = ['pending', 'delivering', 'delivered', 'failed', 'skipped'] as const;
const events = ['publish', 'update', 'kill', 'withhold'];

/** Admins: push channels with their deliveries, failed ones to retry, webhooks, API keys and channel settings. */
export function Channels() {
  const { api } = useNewsroom();
  const [report, setReport] = useState<{ channels: ChannelDoc[]; failed: DeliveryDoc[] }>({ channels: [], failed: [] });
  const [hooks, setHooks] = useState<WebhookDoc[]>([]);
  const [keys, setKeys] = useState<ApiKeyDoc[]>([]);
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});
  const [hookForm, setHookForm] = useState({ url: '', secret: '', events: [...events] });
  const [keyName, setKeyName] = useState('');

  const load = async () => {
    const [channels, webhooks, apiKeys] = await Promise.all([
      api.get<typeof report>('channels'),
      api.get<{ items: WebhookDoc[] }>('webhooks'),
      api.get<{ items: ApiKeyDoc[] }>('api-keys'),
    ]);
    setReport(channels);
    setHooks(webhooks.items);
    setKeys(apiKeys.items);
  };
  useEffect(() => {
    load().catch((failure) => setMessage({ error: describeError(failure) }));
  }, []);

  /** Runs a change, then shows its notice (or its error, naming the field) and reads everything again. */
  async function run(work: () => Promise<string>) {
    try {
      const notice = await work();
      await load();
      setMessage({ notice });
    } catch (failure) {
      setMessage({ error: describeError(failure) });
    }
  }

  return (
    <section class="channels admin-grid">
      <h1>Channels</h1>
      <StatusMessages error={message.error} notice={message.notice} />
      <table>
        <caption>Delivery status</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">State</th>
            {statuses.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.channels.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.enabled ? 'enabled' : 'disabled'}</td>
              {statuses.map((s) => (
                <td key={s}>{c.counts[s]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Failed deliveries</h2>
      {report.failed.length === 0 ? (
        <p class="muted">None: every delivery went out or is on its way.</p>
      ) : (
        <table class="failed-deliveries">
          <TableHead columns={['#', 'Channel', 'Story', 'Failures', 'Last error']} actions />
          <tbody>
            {report.failed.map((d) => (
              <tr key={d.id}>
                <td>{d.id}</td>
                <td>
                  {d.channel} {d.kind}
                </td>
                <td>
                  {d.story_id}
                  {d.version ? ` v${d.version}` : ''}
                </td>
                <td>
                  {d.failures}, parked {formatTime(d.finished_at)}
                </td>
                <td>
                  <pre>{d.last_error ?? '(no error recorded)'}</pre>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      run(async () => {
                        await api.post(`channels/deliveries/${d.id}/retry`);
                        return `Delivery #${d.id} is queued again.`;
                      })
                    }
                  >
                    Retry #{d.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Webhooks</h2>
      <ul>
        {hooks.map((h) => (
          <li key={h.id}>
            {h.channel} → {h.url} ({h.events.join(', ')}){h.is_active ? '' : ' — inactive'}{' '}
            <button
              type="button"
              class="link danger"
              onClick={() =>
                run(async () => {
                  await api.request('DELETE', `webhooks/${h.id}`);
                  return `Webhook ${h.id} removed.`;
                })
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const added = await api.post<WebhookDoc>('webhooks', hookForm);
            setHookForm({ url: '', secret: '', events: [...events] });
            return `Webhook ${added.channel} added.`;
          });
        }}
      >
        <label>
          Subscriber URL
          <input name="url" value={hookForm.url} onInput={(e) => setHookForm({ ...hookForm, url: e.currentTarget.value })} />
        </label>
        <label>
          Signing secret
          <input name="secret" value={hookForm.secret} onInput={(e) => setHookForm({ ...hookForm, secret: e.currentTarget.value })} />
        </label>
        <fieldset>
          <legend>Events</legend>
          {events.map((event) => (
            <label key={event}>
              <input
                type="checkbox"
                checked={hookForm.events.includes(event)}
                onChange={(e) =>
                  setHookForm({
                    ...hookForm,
                    events: e.currentTarget.checked ? [...hookForm.events, event] : hookForm.events.filter((x) => x !== event),
                  })
                }
              />{' '}
              {event}
            </label>
          ))}
        </fieldset>
        <button type="submit">Add webhook</button>
      </form>
      <h2>API keys</h2>
      <ul>
        {keys.map((k) => (
          <li key={k.name}>
            {k.name}: {k.revoked_at ? `revoked ${formatTime(k.revoked_at)}` : `active since ${formatTime(k.created_at)}`}{' '}
            {!k.revoked_at && (
              <button
                type="button"
                class="link danger"
                onClick={() =>
                  run(async () => {
                    await api.request('DELETE', `api-keys/${encodeURIComponent(k.name)}`);
                    return `Key "${k.name}" revoked.`;
                  })
                }
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const created = await api.post<{ name: string; key: string }>('api-keys', { name: keyName });
            setKeyName('');
            return `Key "${created.name}": ${created.key} (shown only now: copy it for the partner).`;
          });
        }}
      >
        <label>
          Key name
          <input name="key-name" value={keyName} onInput={(e) => setKeyName(e.currentTarget.value)} />
        </label>
        <button type="submit">Create key</button>
      </form>
      <ChannelSettings />
    </section>
  );
}
