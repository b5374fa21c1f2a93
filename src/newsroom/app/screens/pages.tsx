import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { formatTime, pageOf } from '../format';
import { hrefOf, navigate } from '../router';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';

export interface PageDoc {
  slug: string;
  title: string;
  body_html: string;
  updated_at: string;
}

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Editors: the static pages (`/page/{slug}`), and starting a new one by its address. */
export function Pages() {
  const { api } = useNewsroom();
  const [pages, setPages] = useState<PageDoc[]>([]);
  const [slug, setSlug] = useState('');
  const form = useFormState();

  useEffect(() => {
    void form.submit(async () => setPages(pageOf<PageDoc>(await api.get('pages'), 'pages').items));
  }, []);

  return (
    <section class="stack wide">
      <h1>Pages</h1>
      {pages.length === 0 ? (
        <p class="muted">No pages yet. The footer links About, Contact, Privacy and Corrections once they exist.</p>
      ) : (
        <table>
          <TableHead columns={['Title', 'Address', 'Changed']} />
          <tbody>
            {pages.map((page) => (
              <tr key={page.slug}>
                <td>
                  <a href={hrefOf({ name: 'page', slug: page.slug })}>{page.title}</a>
                </td>
                <td>
                  <a href={`/page/${page.slug}`} target="_blank" rel="noopener">
                    /page/{page.slug}
                  </a>
                </td>
                <td>{formatTime(page.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(hrefOf({ name: 'page', slug }));
        }}
      >
        <h2>New page</h2>
        <label>
          Address: /page/…
          <input
            value={slug}
            required
            pattern={slugPattern.source}
            title="lower-case letters and digits joined by single hyphens"
            placeholder="about"
            onInput={(e) => setSlug(e.currentTarget.value.trim())}
          />
        </label>
        <FieldError form={form} field="slug" />
        <button type="submit">Write page</button>
      </form>
      <StatusMessages error={form.error} />
    </section>
  );
}
