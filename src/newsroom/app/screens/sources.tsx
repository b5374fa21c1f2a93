import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { formatTime } from '../format';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';
import { type QuarantinedDoc, QuarantineList } from './quarantine-list';
import { type SourceDoc, SourceForm } from './source-form';

const transportsOf = (s: SourceDoc) =>
  [
    s.rules.watchDir ? `watch ${s.rules.watchDir}` : '',
    s.rules.feedUrl ? `feed ${s.rules.feedUrl}` : '',
    s.push.has_token || s.push.has_hmac_secret ? 'push' : '',
  ]
    .filter(Boolean)
    .join(', ') || 'files only';

/** Admins: each source's rule, rights and transports (what `lede sources` sets) and the quarantine with replay. */
export function Sources() {
  const { api } = useNewsroom();
  const [sources, setSources] = useState<SourceDoc[]>([]);
  const [quarantine, setQuarantine] = useState<QuarantinedDoc[]>([]);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});

  const load = async () => {
    const [s, q] = await Promise.all([
      api.get<{ items: SourceDoc[] }>('ingest/sources'),
      api.get<{ items: QuarantinedDoc[] }>('ingest/quarantine'),
    ]);
    setSources(s.items);
    setQuarantine(q.items);
  };
  useEffect(() => {
    load().catch((failure) => setMessage({ error: describeError(failure) }));
  }, []);

  const current = sources.find((s) => s.slug === editing);
  return (
    <section class="sources admin-grid">
      <h1>Sources</h1>
      <StatusMessages error={message.error} notice={message.notice} />
      <table>
        <TableHead columns={['Source', 'Rule', 'Rights', 'Transports', 'Last item']} actions />
        <tbody>
          {sources.map((s) => (
            <tr key={s.slug}>
              <th scope="row">
                {s.name} <span class="muted">{s.slug}</span>
              </th>
              <td>{s.publish_rule === 'hold' ? 'hold for the queue' : 'publish on receipt'}</td>
              <td>
                {Object.entries(s.rights)
                  .filter(([, allowed]) => !allowed)
                  .map(([name]) => `no ${name}`)
                  .join(', ') || 'all'}
              </td>
              <td>{transportsOf(s)}</td>
              <td>
                {s.health?.lastItemAt ? formatTime(s.health.lastItemAt) : 'never'}
                {s.health?.isSilent ? ' — silent' : ''}
              </td>
              <td>
                <button type="button" class="link" onClick={() => setEditing(s.slug)}>
                  Edit {s.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {current && (
        <SourceForm
          key={current.slug}
          source={current}
          onSaved={async (saved) => {
            await load();
            setEditing(undefined);
            setMessage({ notice: `${saved.name} saved.` });
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <h2>Quarantine</h2>
      <QuarantineList
        entries={quarantine}
        onChanged={async (outcome) => {
          await load().catch(() => undefined);
          setMessage(outcome);
        }}
      />
    </section>
  );
}
