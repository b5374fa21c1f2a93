import { useEffect, useState } from 'preact/hooks';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { formatTime, pageOf } from '../format';
import { StatusMessages } from '../status-messages';
import { TableHead } from '../table-head';

interface RedirectDoc {
  from: string;
  to: string;
  created_at: string;
}

/** Editors: the site's 301 redirects, added and removed. */
export function Redirects() {
  const { api } = useNewsroom();
  const [redirects, setRedirects] = useState<RedirectDoc[]>([]);
  const [draft, setDraft] = useState({ from: '', to: '' });
  const form = useFormState();
  const load = async () => setRedirects(pageOf<RedirectDoc>(await api.get('redirects'), 'redirects').items);

  useEffect(() => {
    void form.submit(load);
  }, []);

  const remove = (from: string) =>
    form.submit(async () => {
      await api.request('DELETE', 'redirects', { query: { from } });
      await load();
    }, `The redirect from ${from} was removed.`);

  return (
    <section class="stack wide">
      <h1>Redirects</h1>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () => {
            await api.post('redirects', draft);
            setDraft({ from: '', to: '' });
            await load();
          }, `${draft.from} now answers 301 to ${draft.to}.`);
        }}
      >
        <h2>Add a redirect</h2>
        <label>
          From (a path on this site)
          <input
            value={draft.from}
            placeholder="/2019/05/old-post/"
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            {...form.invalid('from')}
          />
          <FieldError form={form} field="from" />
        </label>
        <label>
          To (a path or an http(s) address)
          <input
            value={draft.to}
            placeholder="/page/about"
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            {...form.invalid('to')}
          />
          <FieldError form={form} field="to" />
        </label>
        <button type="submit" class="primary" disabled={form.isBusy}>
          Add redirect
        </button>
      </form>
      <StatusMessages error={form.error} notice={form.notice} />
      <table>
        <TableHead columns={['From', 'To', 'Added']} actions />
        <tbody>
          {redirects.map((r) => (
            <tr key={r.from}>
              <td>{r.from}</td>
              <td>{r.to}</td>
              <td>{formatTime(r.created_at)}</td>
              <td>
                <button type="button" class="link danger" onClick={() => remove(r.from)}>
                  Remove {r.from}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
