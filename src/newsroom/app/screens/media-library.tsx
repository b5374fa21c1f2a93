import { useState } from 'preact/hooks';
import { describeError } from '../api';
import { canPublish, useNewsroom } from '../context';
import { type LibraryPicture, MediaBrowser } from '../media-browser';
import { StatusMessages } from '../status-messages';

/** Uploaded and ingested pictures; editors fix their caption, credit and alt text. */
export function MediaLibrary() {
  const { user } = useNewsroom();
  return (
    <section class="media-library">
      <h1>Media library</h1>
      <p class="muted">Pick a picture as a story's hero from the story editor ("Choose from the library").</p>
      <MediaBrowser
        renderActions={(picture, reload) =>
          canPublish(user.role) ? <PictureTexts picture={picture} onSaved={reload} /> : <ReadOnlyTexts picture={picture} />
        }
      />
    </section>
  );
}

function ReadOnlyTexts({ picture }: { picture: LibraryPicture }) {
  return (
    <dl>
      <dt>Caption</dt>
      <dd>{picture.caption ?? '—'}</dd>
      <dt>Credit</dt>
      <dd>{picture.credit ?? picture.byline ?? '—'}</dd>
      <dt>Alt text</dt>
      <dd>{picture.alt ?? '—'}</dd>
    </dl>
  );
}

function PictureTexts({ picture, onSaved }: { picture: LibraryPicture; onSaved: () => Promise<void> }) {
  const { api } = useNewsroom();
  const [texts, setTexts] = useState({ caption: picture.caption ?? '', credit: picture.credit ?? '', alt: picture.alt ?? '' });
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});
  const set = (field: keyof typeof texts, value: string) => setTexts({ ...texts, [field]: value });

  async function save(event: Event) {
    event.preventDefault();
    try {
      await api.request('PATCH', `media/${encodeURIComponent(picture.id)}`, { body: texts });
      setMessage({ notice: 'Saved.' });
      await onSaved();
    } catch (failure) {
      setMessage({ error: describeError(failure) });
    }
  }

  return (
    <form class="picture-texts" onSubmit={save}>
      <label>
        Caption
        <input name="caption" value={texts.caption} onInput={(e) => set('caption', e.currentTarget.value)} />
      </label>
      <label>
        Credit
        <input name="credit" value={texts.credit} onInput={(e) => set('credit', e.currentTarget.value)} />
      </label>
      <label>
        Alt text (required)
        <input name="alt" required value={texts.alt} onInput={(e) => set('alt', e.currentTarget.value)} />
      </label>
      <button type="submit">Save texts</button>
      <StatusMessages error={message.error} notice={message.notice} />
    </form>
  );
}
