import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { useFormState } from '../form-state';
import { formatTime, pageOf } from '../format';
import { hrefOf } from '../router';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';
import type { UserDoc } from '../types';

interface AuditDoc {
  id: number;
  at: string;
  user: string | null;
  action: string;
  story: string | null;
  revision: number | null;
  details: Record<string, unknown>;
}

/** What an entry was about besides a story: a setting's key, a page, a redirect. */
function detailsOf(entry: AuditDoc): string {
  return Object.entries(entry.details ?? {})
    .filter(([, value]) => value !== undefined && value !== null && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

/** Admins: the audit log, newest first, "Older entries" pages on. */
export function AuditLog() {
  const { api } = useNewsroom();
  const [entries, setEntries] = useState<AuditDoc[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const form = useFormState();

  const load = (before?: number) =>
    form.submit(async () => {
      const page = await api.get<{ items: AuditDoc[]; next_before: number | null }>('audit', { before });
      setEntries((shown) => (before ? [...shown, ...page.items] : page.items));
      setNext(page.next_before);
    });
  useEffect(() => {
    void load();
    // Names instead of user ids; the list is admins' anyway.
    api
      .get<unknown>('users')
      .then((data) => setNames(new Map(pageOf<UserDoc>(data, 'users').items.map((u) => [u.id, u.name]))))
      .catch(() => undefined);
  }, []);

  return (
    <section class="stack wide">
      <h1>Audit log</h1>
      <table class="audit">
        <TableHead columns={['When', 'Who', 'What', 'Story', 'Details']} />
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTime(entry.at)}</td>
              <td>{entry.user ? (names.get(entry.user) ?? entry.user) : 'system'}</td>
              <td>{entry.action}</td>
              <td>
                {entry.story && (
                  <a href={hrefOf({ name: 'story', id: entry.story })}>
                    {entry.story}
                    {entry.revision ? ` (revision ${entry.revision})` : ''}
                  </a>
                )}
              </td>
              <td>{detailsOf(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <StatusMessages error={form.error} />
      {next !== null && (
        <button type="button" onClick={() => load(next)} disabled={form.isBusy}>
          Older entries
        </button>
      )}
    </section>
  );
}
