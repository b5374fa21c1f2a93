import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api';
import { useNewsroom } from './context';
import { pageOf } from './format';
import { StatusMessages } from './status-messages';

/** A picture of the media library (`GET media`). */
export interface LibraryPicture {
  id: string;
  width: number;
  height: number;
  url: string;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  byline: string | null;
  source: string | null;
}

interface Props {
  /** Each picture's own controls (edit its texts, use it as the hero). */
  renderActions(picture: LibraryPicture, reload: () => Promise<void>): preact.ComponentChildren;
}

/** The media library's pictures with thumbnail and texts, searched by caption, credit or alt text, paged on. */
export function MediaBrowser({ renderActions }: Props) {
  const { api } = useNewsroom();
  const [q, setQ] = useState('');
  const [pictures, setPictures] = useState<LibraryPicture[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  async function load(after?: string) {
    try {
      const page = pageOf<LibraryPicture>(await api.get('media', { q, cursor: after }), 'items');
      setPictures((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError('');
    } catch (failure) {
      setError(describeError(failure));
    }
  }
  useEffect(() => {
    const timer = setTimeout(() => void load(), 200);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div class="media-browser">
      <label>
        Search pictures
        <input type="search" name="media-q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <StatusMessages error={error} />
      {pictures.length === 0 && !error && <p class="muted">No pictures{q ? ' match' : ' yet'}.</p>}
      <ul class="media-grid">
        {pictures.map((picture) => (
          <li key={picture.id} data-media-id={picture.id}>
            <img src={picture.url} alt={picture.alt ?? ''} loading="lazy" width={picture.width} height={picture.height} />
            <span class="muted">
              {picture.width}×{picture.height}
              {picture.source ? ` · ${picture.source}` : ''}
            </span>
            {renderActions(picture, () => load())}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => load(cursor)}>
          Load more
        </button>
      )}
    </div>
  );
}
