import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api';
import { BodyEditor } from '../body-editor';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { hrefOf, navigate } from '../router';
import { StatusMessages } from '../status-messages';
import type { PageDoc } from './pages';

/** Editors: one static page, its title and body (the story editor's TipTap; the server sanitises it), saved or deleted. */
export function PageEditor({ slug }: { slug: string }) {
  const { api } = useNewsroom();
  const [page, setPage] = useState<{ title: string; body_html: string } | undefined>(undefined);
  const [isStored, setIsStored] = useState(false);
  const [contentKey, setContentKey] = useState(0);
  const [loadError, setLoadError] = useState('');
  const form = useFormState();
  const path = `pages/${encodeURIComponent(slug)}`;

  useEffect(() => {
    api
      .get<PageDoc>(path)
      .then((stored) => {
        setPage({ title: stored.title, body_html: stored.body_html });
        setIsStored(true);
        setContentKey((key) => key + 1);
      })
      .catch((failure) => {
        if (failure instanceof ApiError && failure.status === 404) setPage({ title: '', body_html: '' });
        else setLoadError(describeError(failure));
      });
  }, [path]);
  if (!page) return <StatusMessages error={loadError} notice={loadError ? '' : 'Loading…'} />;

  async function remove() {
    if (!confirm(`Delete the page /page/${slug}? Its footer link goes too.`)) return;
    if (await form.submit(() => api.request('DELETE', path))) navigate(hrefOf({ name: 'pages' }));
  }

  return (
    <section class="stack wide">
      <div class="title-row">
        <h1>{isStored ? `Page /page/${slug}` : `New page /page/${slug}`}</h1>
        {isStored && (
          <a href={`/page/${slug}`} target="_blank" rel="noopener">
            View on the site
          </a>
        )}
      </div>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () => {
            await api.request('PUT', path, { body: page });
            setIsStored(true);
          }, 'Page saved.');
        }}
      >
        <FieldError form={form} field="slug" />
        <label>
          Title
          <input
            required
            value={page.title}
            onInput={(e) => setPage({ ...page, title: e.currentTarget.value })}
            {...form.invalid('title')}
          />
          <FieldError form={form} field="title" />
        </label>
        <div class="field">
          <span class="label" id="page-body-label">
            Body
          </span>
          <BodyEditor
            id="page-body"
            labelId="page-body-label"
            html={page.body_html}
            contentKey={contentKey}
            onChange={(html) => setPage((current) => current && { ...current, body_html: html })}
          />
          <FieldError form={form} field="body_html" />
        </div>
        <StatusMessages error={form.error} notice={form.notice} />
        <div class="save-row">
          <button type="submit" class="primary" disabled={form.isBusy}>
            Save page
          </button>
          {isStored && (
            <button type="button" class="danger" onClick={remove}>
              Delete page
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
