import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { LinksEditor } from '../links-editor';
import { PictureField } from '../picture-field';
import { StatusMessages } from '../status-messages';
import type { AuthorDoc } from './authors';

type Profile = Omit<AuthorDoc, 'slug'>;

/** Editors: one author profile (name, role, bio, avatar, links), as `/author/{slug}` shows it. */
export function AuthorEditor({ slug }: { slug: string }) {
  const { api } = useNewsroom();
  const [profile, setProfile] = useState<Profile | undefined>(undefined);
  const [isStored, setIsStored] = useState(false);
  const [loadError, setLoadError] = useState('');
  const form = useFormState();
  const path = `authors/${encodeURIComponent(slug)}`;

  useEffect(() => {
    api
      .get<AuthorDoc>(path)
      .then(({ slug: _, ...stored }) => {
        setProfile(stored);
        setIsStored(true);
      })
      .catch((failure) => {
        if (failure instanceof ApiError && failure.status === 404)
          setProfile({ name: '', role: null, bio: null, avatar_media_id: null, links: [] });
        else setLoadError(describeError(failure));
      });
  }, [path]);
  if (!profile) return <StatusMessages error={loadError} notice={loadError ? '' : 'Loading…'} />;

  const text = (field: 'name' | 'role') => ({
    value: profile[field] ?? '',
    onInput: (e: { currentTarget: HTMLInputElement }) => setProfile({ ...profile, [field]: e.currentTarget.value }),
    ...form.invalid(field),
  });
  return (
    <section class="stack wide">
      <div class="title-row">
        <h1>{isStored ? profile.name || slug : `New author ${slug}`}</h1>
        {isStored && (
          <a href={`/author/${slug}`} target="_blank" rel="noopener">
            View on the site
          </a>
        )}
      </div>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          const body = { ...profile, role: profile.role ?? '', bio: profile.bio ?? '' };
          void form.submit(async () => {
            await api.request('PUT', path, { body });
            setIsStored(true);
          }, 'Profile saved.');
        }}
      >
        <FieldError form={form} field="slug" />
        <label>
          Name
          <input required {...text('name')} />
          <FieldError form={form} field="name" />
        </label>
        <label>
          Role (e.g. Business editor)
          <input {...text('role')} />
          <FieldError form={form} field="role" />
        </label>
        <label>
          Bio
          <textarea
            rows={4}
            value={profile.bio ?? ''}
            onInput={(e) => setProfile({ ...profile, bio: e.currentTarget.value })}
            {...form.invalid('bio')}
          />
          <FieldError form={form} field="bio" />
        </label>
        <PictureField
          label="Avatar"
          mediaId={profile.avatar_media_id ?? ''}
          alt={profile.name}
          error={form.errorOf('avatar_media_id')}
          onChange={(id) => setProfile({ ...profile, avatar_media_id: id || null })}
        />
        <LinksEditor
          legend="Links"
          links={profile.links}
          form={form}
          fieldPrefix="links."
          onChange={(links) => setProfile({ ...profile, links })}
        />
        <StatusMessages error={form.error} notice={form.notice} />
        <button type="submit" class="primary" disabled={form.isBusy}>
          Save profile
        </button>
      </form>
    </section>
  );
}
