import { useState } from 'preact/hooks';
import { describeError } from './api';
import { useNewsroom } from './context';
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

/** Hero picture: upload (POST media), then caption, credit and alt text (required). */
export function HeroPicker({ hero, altProblem, onChange }: Props) {
  const { api } = useNewsroom();
  const [error, setError] = useState('');
  const [isUploading, setIsUploading] = useState(false);
  const [localPreview, setLocalPreview] = useState<string | undefined>(undefined);

  async function upload(file: File) {
    setError('');
    setIsUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      if (hero?.alt) form.append('alt', hero.alt);
      if (hero?.caption) form.append('caption', hero.caption);
      if (hero?.credit) form.append('credit', hero.credit);
      const media = await api.request<MediaDoc>('POST', 'media', { form });
      if (localPreview) URL.revokeObjectURL(localPreview);
      setLocalPreview(URL.createObjectURL(file));
      onChange({
        media_id: media.id,
        width: media.width,
        height: media.height,
        renditions: media.renditions,
        href: media.href ?? media.url,
        caption: hero?.caption ?? '',
        credit: hero?.credit ?? '',
        alt: hero?.alt ?? '',
      });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsUploading(false);
    }
  }

  const set = (field: 'caption' | 'credit' | 'alt', value: string) => hero && onChange({ ...hero, [field]: value });
  const src = hero ? (localPreview ?? previewSrc(hero)) : undefined;

  return (
    <fieldset class="hero-picker">
      <legend>Hero image</legend>
      {hero && src && <img class="hero-preview" src={src} alt={hero.alt ?? ''} />}
      {hero && !src && <p class="muted">Picture {hero.media_id ?? hero.id}</p>}
      <label>
        {hero ? 'Replace the picture' : 'Upload a picture'} (JPEG, PNG, WebP or AVIF)
        <input
          type="file"
          name="hero-file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          disabled={isUploading}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void upload(file);
            event.currentTarget.value = '';
          }}
        />
      </label>
      {isUploading && <p class="muted">Uploading…</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {hero && (
        <>
          <label>
            Alt text (required)
            <input
              name="hero-alt"
              required
              aria-invalid={altProblem ? 'true' : undefined}
              aria-describedby={altProblem ? 'hero-alt-problem' : undefined}
              value={hero.alt ?? ''}
              onInput={(e) => set('alt', e.currentTarget.value)}
            />
          </label>
          {altProblem && (
            <p id="hero-alt-problem" class="error">
              {altProblem}
            </p>
          )}
          <label>
            Caption
            <input name="hero-caption" value={hero.caption ?? ''} onInput={(e) => set('caption', e.currentTarget.value)} />
          </label>
          <label>
            Credit
            <input name="hero-credit" value={hero.credit ?? ''} onInput={(e) => set('credit', e.currentTarget.value)} />
          </label>
          <button type="button" class="link danger" onClick={() => onChange(null)}>
            Remove the picture
          </button>
        </>
      )}
    </fieldset>
  );
}
