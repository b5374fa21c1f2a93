import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { authorName, formatTime, pageOf, stateLabel, storyStates } from '../format';
import { hrefOf, navigate, useLocation } from '../router';
import type { StoryDoc } from '../types';

export function StoryList() {
  const { api } = useNewsroom();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const state = params.get('state') ?? '';
  const q = params.get('q') ?? '';
  const [query, setQuery] = useState(q);
  const [stories, setStories] = useState<StoryDoc[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [isLoading, setIsLoading] = useState(true);

  async function load(options: { after?: string | null }) {
    setIsLoading(true);
    setError('');
    try {
      const data = await api.get<unknown>('stories', { state, q, cursor: options.after ?? undefined });
      const page = pageOf<StoryDoc>(data, 'stories');
      setStories((current) => (options.after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsLoading(false);
    }
  }

  useEffect(() => {
    setQuery(q);
    void load({});
  }, [state, q]);

  function setFilter(next: { state?: string; q?: string }) {
    const search = new URLSearchParams();
    const nextState = next.state ?? state;
    const nextQ = next.q ?? q;
    if (nextState) search.set('state', nextState);
    if (nextQ) search.set('q', nextQ);
    const text = search.toString();
    navigate(`${hrefOf({ name: 'stories' })}${text ? `?${text}` : ''}`, { replace: true });
  }

  return (
    <section class="story-list">
      <div class="title-row">
        <h1>Stories</h1>
        <a class="button primary" href={hrefOf({ name: 'new-story' })}>
          New story
        </a>
      </div>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ q: query.trim() });
        }}
      >
        <label>
          State
          <select name="state" value={state} onChange={(e) => setFilter({ state: e.currentTarget.value })}>
            <option value="">All states</option>
            {storyStates.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          Search
          <input name="q" type="search" value={query} placeholder="Headline or text" onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!isLoading && stories.length === 0 && !error && <p class="muted">No stories match.</p>}
      <ul class="cards" aria-busy={isLoading}>
        {stories.map((story) => (
          <li key={story.id} class="card">
            <a class="headline" href={hrefOf({ name: 'story', id: story.id })}>
              {story.headline || '(no headline)'}
            </a>
            <div class="meta">
              <span class={`state state-${story.state}`}>{stateLabel(story.state)}</span>
              {story.section && <span>{story.section}</span>}
              {story.authors && story.authors.length > 0 && <span>{story.authors.map(authorName).join(', ')}</span>}
              <span>{formatTime(story.updated_at ?? story.published_at ?? story.created_at)}</span>
              <span>v{story.version}</span>
            </div>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" disabled={isLoading} onClick={() => load({ after: cursor })}>
          {isLoading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
