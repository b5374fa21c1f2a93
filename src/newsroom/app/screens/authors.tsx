import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { useFormState } from '../form-state';
import { pageOf } from '../format';
import type { LinkDoc } from '../links-editor';
import { hrefOf, navigate } from '../router';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';

export interface AuthorDoc {
  slug: string;
  name: string;
  role: string | null;
  bio: string | null;
  avatar_media_id: string | null;
  links: LinkDoc[];
}

/** Editors: the author profiles, starting a new one by its slug, deleting one no story credits. */
export function Authors() {
  const { api } = useNewsroom();
  const [authors, setAuthors] = useState<AuthorDoc[]>([]);
  const [slug, setSlug] = useState('');
  const form = useFormState();

  useEffect(() => {
    void form.submit(async () => setAuthors(pageOf<AuthorDoc>(await api.get('authors'), 'authors').items));
  }, []);
  const remove = (author: AuthorDoc) => {
    if (!confirm(`Delete the profile of ${author.name}? /author/${author.slug} will answer "not found".`)) return;
    void form.submit(async () => {
      await api.request('DELETE', `authors/${encodeURIComponent(author.slug)}`);
      setAuthors((current) => current.filter((a) => a.slug !== author.slug));
    }, `${author.name} deleted.`);
  };

  return (
    <section class="stack wide">
      <h1>Authors</h1>
      <table>
        <TableHead columns={['Name', 'Role', 'Page']} actions />
        <tbody>
          {authors.map((author) => (
            <tr key={author.slug}>
              <td>
                <a href={hrefOf({ name: 'author', slug: author.slug })}>{author.name}</a>
              </td>
              <td>{author.role}</td>
              <td>
                <a href={`/author/${author.slug}`} target="_blank" rel="noopener">
                  /author/{author.slug}
                </a>
              </td>
              <td>
                <button type="button" class="danger" disabled={form.isBusy} onClick={() => remove(author)}>
                  Delete {author.name}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(hrefOf({ name: 'author', slug }));
        }}
      >
        <h2>New author</h2>
        <label>
          Slug (the page’s address: /author/…)
          <input value={slug} required placeholder="jane-doe" onInput={(e) => setSlug(e.currentTarget.value.trim())} />
        </label>
        <button type="submit">Write profile</button>
      </form>
      <StatusMessages error={form.error} notice={form.notice} />
    </section>
  );
}
