import { useState } from 'preact/hooks';
import { describeError } from './api';
import { useNewsroom } from './context';
import type { MediaDoc } from './types';

interface Props {
  label: string;
  /** The uploaded picture's media id, or '' for none. */
  mediaId: string;
  /** Alt text sent with the upload (the API requires one). */
  alt: string;
  error?: string;
  onChange(mediaId: string): void;
}

/** A small picture (logo, avatar): uploaded (`POST media`) as soon as it is chosen; its id is what the form saves. */
export function PictureField({ label, mediaId, alt, error, onChange }: Props) {
  const { api } = useNewsroom();
  const [problem, setProblem] = useState('');
  const [isUploading, setIsUploading] = useState(false);

  async function upload(file: File) {
    setProblem('');
    setIsUploading(true);
    try {
      const form = new FormData();
      form.append('alt', alt.trim() || label);
      form.append('file', file, file.name);
      onChange((await api.request<MediaDoc>('POST', 'media', { form })).id);
    } catch (failure) {
      setProblem(describeError(failure));
    } finally {
      setIsUploading(false);
    }
  }

  const shown = problem || error;
  return (
    <div class="field picture-field">
      <label>
        {label}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          aria-invalid={shown ? 'true' : undefined}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
      </label>
      {isUploading && <span class="muted">Uploading…</span>}
      {mediaId && (
        <span class="picture-current">
          <img src={`/media/${encodeURIComponent(mediaId)}`} alt="" height={48} />
          <button type="button" class="link" onClick={() => onChange('')}>
            Remove {label.toLowerCase()}
          </button>
        </span>
      )}
      {shown && (
        <span class="field-error" role="alert">
          {shown}
        </span>
      )}
    </div>
  );
}
