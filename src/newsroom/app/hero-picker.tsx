import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api';
import { useNewsroom } from './context';
import { MediaBrowser } from './media-browser';
import type { HeroDoc, MediaDoc, RenditionDoc } from './types';

/** The smallest rendition wide enough for the form's preview, or the picture itself. */
export function previewSrc(hero: HeroDoc): string | undefined {
  const renditions = (hero.renditions ?? []).filter((r: RenditionDoc) => r.href ?? r.url);
  const fitting = renditions.filter((r) => (r.width ?? 0) >= 480).sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  const pick = fitting[0] ?? renditions[renditions.length - 1];
  const id = hero.media_id ?? hero.id;
  // The site serves every stored picture at /media/{id} (src/core/urls.ts mediaPath).
  return pick?.href ?? pick?.url ?? hero.href ?? hero.url ?? (id ? `/media/${encodeURIComponent(id)}` : undefined);
}

interface Props {
  hero: HeroDoc | null;
  altProblem?: string;
  onChange: (hero: HeroDoc | null) => void;
}

type Texts = { alt: string; caption: string; credit: string };

/**
 * Hero picture: choose a file, describe it (alt text is required before it is uploaded), upload
 * it (`POST media`); then its caption, credit and alt text on the story can still be edited.
 */
export function HeroPicker({ hero, altProblem, onChange }: Props) {
  const { api } = useNewsroom();
  const [pending, setPending] = useState<{ file: File; src: string } | undefined>(undefined);
  const [texts, setTexts] = useState<Texts>({ alt: '', caption: '', credit: '' });
  const [error, setError] = useState('');
  const [isUploading, setIsUploading] = useState(false);
  const [isBrowsing, setIsBrowsing] = useState(false);

  useEffect(() => () => pending && URL.revokeObjectURL(pending.src), [pending]);

  function choose(file: File) {
    setError('');
    setPending({ file, src: URL.createObjectURL(file) });
    setTexts({ alt: hero?.alt ?? '', caption: hero?.caption ?? '', credit: hero?.credit ?? '' });
  }

  async function upload() {
    if (!pending) return;
    if (!texts.alt.trim()) {
      setError('Describe the picture (alt text) before uploading it.');
      return;
    }
    setError('');
    setIsUploading(true);
    try {
      const form = new FormData();
      form.append('alt', texts.alt.trim());
      if (texts.caption.trim()) form.append('caption', texts.caption.trim());
      if (texts.credit.trim()) form.append('credit', texts.credit.trim());
      form.append('file', pending.file, pending.file.name);
      const media = await api.request<MediaDoc>('POST', 'media', { form });
      onChange({
        media_id: media.id,
        width: media.width,
        height: media.height,
        renditions: media.renditions,
        href: media.href ?? media.url,
        alt: texts.alt.trim(),
        caption: texts.caption.trim(),
        credit: texts.credit.trim(),
      });
      setPending(undefined);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsUploading(false);
    }
  }

  // While a chosen file waits, the fields describe it; afterwards they edit the story's hero.
  const values: Texts = pending ? texts : { alt: hero?.alt ?? '', caption: hero?.caption ?? '', credit: hero?.credit ?? '' };
  const set = (field: keyof Texts, value: string) => {
    if (pending) setTexts({ ...texts, [field]: value });
    else if (hero) onChange({ ...hero, [field]: value });
  };
  const src = pending?.src ?? (hero ? previewSrc(hero) : undefined);
  const problem = altProblem && !pending ? altProblem : undefined;

  return (
    <fieldset class="hero-picker">
      <legend>Hero image</legend>
      {src && <img class="hero-preview" src={src} alt={values.alt} />}
      <label>
        {hero || pending ? 'Choose another picture' : 'Choose a picture'} (JPEG, PNG, WebP or AVIF)
        <input
          type="file"
          name="hero-file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          disabled={isUploading}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) choose(file);
            event.currentTarget.value = '';
          }}
        />
      </label>
      {(hero || pending) && (
        <>
          <label>
            Alt text (required)
            <input
              name="hero-alt"
              required
              aria-invalid={problem ? 'true' : undefined}
              aria-describedby={problem ? 'hero-alt-problem' : undefined}
              value={values.alt}
              onInput={(e) => set('alt', e.currentTarget.value)}
            />
          </label>
          {problem && (
            <p id="hero-alt-problem" class="error">
              {problem}
            </p>
          )}
          <label>
            Caption
            <input name="hero-caption" value={values.caption} onInput={(e) => set('caption', e.currentTarget.value)} />
          </label>
          <label>
            Credit
            <input name="hero-credit" value={values.credit} onInput={(e) => set('credit', e.currentTarget.value)} />
          </label>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        {pending && (
          <>
            <button type="button" class="primary" disabled={isUploading} onClick={upload}>
              {isUploading ? 'Uploading…' : 'Upload picture'}
            </button>
            <button type="button" disabled={isUploading} onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </>
        )}
        {!pending && (
          <button type="button" aria-expanded={isBrowsing} onClick={() => setIsBrowsing(!isBrowsing)}>
            {isBrowsing ? 'Close the library' : 'Choose from the library'}
          </button>
        )}
        {hero && !pending && (
          <button type="button" class="link danger" onClick={() => onChange(null)}>
            Remove the picture
          </button>
        )}
      </div>
      {isBrowsing && (
        <MediaBrowser
          renderActions={(picture) => (
            <button
              type="button"
              onClick={() => {
                onChange({
                  media_id: picture.id,
                  width: picture.width,
                  height: picture.height,
                  href: picture.url,
                  alt: picture.alt ?? '',
                  caption: picture.caption ?? '',
                  credit: picture.credit ?? picture.byline ?? '',
                });
                setIsBrowsing(false);
              }}
            >
              Use as hero
            </button>
          )}
        />
      )}
    </fieldset>
  );
}
