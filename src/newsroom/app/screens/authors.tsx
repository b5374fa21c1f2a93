import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { useFormState } from '../form-state';
import { pageOf } from '../format';
import type { LinkDoc } from '../links-editor';
import { hrefOf, navigate } from '../router';
import { StatusMessages } from '../status-messages';

export interface AuthorDoc {
  slug: string;
  name: string;
  role: string | null;
  bio: string | null;
  avatar_media_id: string | null;
  links: LinkDoc[];
}

/** Editors: the author profiles, and starting a new one by its slug. */
export function Authors() {
  const { api } = useNewsroom();
  const [authors, setAuthors] = useState<AuthorDoc[]>([]);
  const [slug, setSlug] = useState('');
  const form = useFormState();

  useEffect(() => {
    void form.submit(async () => setAuthors(pageOf<AuthorDoc>(await api.get('authors'), 'authors').items));
  }, []);

  return (
    <section class="stack wide">
      <h1>Authors</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Page</th>
          </tr>
        </thead>
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
      <StatusMessages error={form.error} />
    </section>
  );
}
