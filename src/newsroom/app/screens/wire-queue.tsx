import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { canPublish, useNewsroom } from '../context';
import { formatTime, pageOf, stateLabel } from '../format';
import { hrefOf, navigate, useLocation } from '../router';
import { StatusMessages } from '../status-messages';
import type { WireItemDoc } from '../types';
import { WirePreview } from '../wire-preview';

const statuses = ['held', 'spiked', 'published', 'all'];
const filterNames = ['source', 'section', 'urgency', 'status'] as const;

/** Held agency copy, newest first: filter, preview, publish as is, edit then publish, spike. */
export function WireQueue() {
  const { api, user } = useNewsroom();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as Record<
    (typeof filterNames)[number],
    string
  >;
  const [items, setItems] = useState<WireItemDoc[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [isLoading, setIsLoading] = useState(true);
  const [sourceText, setSourceText] = useState(filters.source);
  const [sectionText, setSectionText] = useState(filters.section);

  async function load(after?: string | null) {
    setIsLoading(true);
    setError('');
    try {
      const data = await api.get<unknown>('wire', { ...filters, cursor: after ?? undefined });
      const page = pageOf<WireItemDoc>(data, 'wire');
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsLoading(false);
    }
  }

  useEffect(() => {
    void load();
  }, [location.search]);

  function setFilter(name: (typeof filterNames)[number], value: string) {
    const next = new URLSearchParams(location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(`${hrefOf({ name: 'wire' })}${text ? `?${text}` : ''}`, { replace: true });
  }

  async function act(item: WireItemDoc, action: 'publish' | 'spike' | 'unspike') {
    setError('');
    setNotice('');
    try {
      await api.post(`wire/${encodeURIComponent(item.id)}/${action}`);
      // The list first, then the notice: what the status line announces is already on screen.
      await load();
      setNotice(`${item.headline}: ${action === 'publish' ? 'published' : action === 'spike' ? 'spiked' : 'back in the queue'}.`);
    } catch (failure) {
      setError(`${item.headline}: ${describeError(failure)}`);
    }
  }

  const current = items.find((item) => item.id === selected);
  const statusOf = (item: WireItemDoc) => item.state ?? item.status ?? '';
  const isKilled = (item: WireItemDoc) => Boolean(item.agency_killed) || statusOf(item) === 'killed';
  const mayPublish = canPublish(user.role);
  return (
    <section class="wire">
      <h1>Wire queue</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams(location.search);
          for (const [name, value] of [
            ['source', sourceText.trim()],
            ['section', sectionText.trim()],
          ] as const)
            if (value) next.set(name, value);
            else next.delete(name);
          navigate(`${hrefOf({ name: 'wire' })}?${next.toString()}`, { replace: true });
        }}
      >
        <label>
          Source
          <input name="source" value={sourceText} onInput={(e) => setSourceText(e.currentTarget.value)} />
        </label>
        <label>
          Section
          <input name="section" value={sectionText} onInput={(e) => setSectionText(e.currentTarget.value)} />
        </label>
        <label>
          Urgency
          <select name="urgency" value={filters.urgency} onChange={(e) => setFilter('urgency', e.currentTarget.value)}>
            <option value="">Any</option>
            {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
              <option key={n} value={String(n)}>
                {n}
                {n === 1 ? ' (flash)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" value={filters.status} onChange={(e) => setFilter('status', e.currentTarget.value)}>
            <option value="">Held (default)</option>
            {statuses
              .filter((s) => s !== 'held')
              .map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <StatusMessages error={error} notice={notice} />
      <div class="wire-grid">
        <ul class="cards wire-items" aria-busy={isLoading}>
          {!isLoading && items.length === 0 && <li class="muted">Nothing in the queue.</li>}
          {items.map((item) => (
            <li key={item.id} class={`card${item.id === selected ? ' selected' : ''}`}>
              <button
                type="button"
                class="headline link"
                aria-expanded={item.id === selected}
                onClick={() => setSelected(item.id === selected ? undefined : item.id)}
              >
                {item.headline || '(no headline)'}
              </button>
              <div class="meta">
                <span class={`state state-${statusOf(item)}`}>{stateLabel(statusOf(item))}</span>
                <span>{item.source}</span>
                {item.section && <span>{item.section}</span>}
                {item.urgency !== undefined && item.urgency !== null && <span>urgency {item.urgency}</span>}
                <span>{formatTime(item.versioncreated ?? item.received_at ?? item.updated_at)}</span>
                {item.agency_killed && <span class="flag danger">killed by the agency</span>}
                {item.wire_update_pending && <span class="flag">newer agency version waiting</span>}
                {(item.agency_versions ?? 0) > 1 && <span>{item.agency_versions} agency versions</span>}
              </div>
              <div class="actions">
                {mayPublish && statusOf(item) !== 'published' && statusOf(item) !== 'spiked' && !isKilled(item) && (
                  <button type="button" class="primary" onClick={() => act(item, 'publish')}>
                    Publish as is
                  </button>
                )}
                {mayPublish && !isKilled(item) && (
                  <button type="button" onClick={() => navigate(hrefOf({ name: 'story', id: item.story_id ?? item.id }))}>
                    Edit then publish
                  </button>
                )}
                {mayPublish && statusOf(item) !== 'spiked' && statusOf(item) !== 'published' && !isKilled(item) && (
                  <button type="button" onClick={() => act(item, 'spike')}>
                    Spike
                  </button>
                )}
                {mayPublish && statusOf(item) === 'spiked' && (
                  <button type="button" onClick={() => act(item, 'unspike')}>
                    Unspike
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        {current && <WirePreview item={current} onClose={() => setSelected(undefined)} />}
      </div>
      {cursor && (
        <button type="button" disabled={isLoading} onClick={() => load(cursor)}>
          {isLoading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
