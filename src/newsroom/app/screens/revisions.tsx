import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { DiffView } from '../diff-view';
import { formatTime, pageOf, revisionNumber, textOf } from '../format';
import { hrefOf, navigate } from '../router';
import { TableHead } from '../table-head';
import type { RevisionDoc } from '../types';

const comparedFields = [
  ['headline', 'Headline'],
  ['standfirst', 'Standfirst'],
  ['body_html', 'Body'],
  ['section', 'Section'],
  ['slug', 'Slug'],
  ['tags', 'Tags'],
  ['seo_title', 'SEO title'],
  ['seo_description', 'SEO description'],
] as const;

function fieldText(revision: RevisionDoc, field: string): string {
  const value = revision[field] ?? (revision['story'] as Record<string, unknown> | undefined)?.[field];
  if (field === 'body_html') return textOf(typeof value === 'string' ? value : '');
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '' : String(value);
}

/** Every save of a story, a diff between any two, and restore. */
export function Revisions({ id }: { id: string }) {
  const { api } = useNewsroom();
  const [revisions, setRevisions] = useState<RevisionDoc[]>([]);
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  const [error, setError] = useState('');
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    api
      .get<unknown>(`stories/${encodeURIComponent(id)}/revisions`)
      .then((data) => {
        const list = pageOf<RevisionDoc>(data, 'revisions').items.sort((a, b) => revisionNumber(b) - revisionNumber(a));
        setRevisions(list);
        setTo(list[0] ? revisionNumber(list[0]) : undefined);
        setFrom(list[1] ? revisionNumber(list[1]) : undefined);
      })
      .catch((failure) => setError(describeError(failure)));
  }, [id]);

  async function restore(n: number) {
    if (!confirm(`Restore revision ${n}? It becomes a new revision; nothing is lost.`)) return;
    setIsBusy(true);
    try {
      await api.post(`stories/${encodeURIComponent(id)}/revisions/${n}/restore`);
      navigate(hrefOf({ name: 'story', id }));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setIsBusy(false);
    }
  }

  const before = revisions.find((r) => revisionNumber(r) === from);
  const after = revisions.find((r) => revisionNumber(r) === to);
  return (
    <section class="revisions">
      <div class="title-row">
        <h1>Revisions</h1>
        <a href={hrefOf({ name: 'story', id })}>Back to the story</a>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <table>
        <caption class="visually-hidden">Revisions, newest first; choose two to compare</caption>
        <TableHead columns={['From', 'To', 'Revision', 'When', 'Headline']} actions />
        <tbody>
          {revisions.map((revision) => {
            const n = revisionNumber(revision);
            return (
              <tr key={n}>
                <td>
                  <input
                    type="radio"
                    name="from"
                    aria-label={`Compare from revision ${n}`}
                    checked={from === n}
                    onChange={() => setFrom(n)}
                  />
                </td>
                <td>
                  <input type="radio" name="to" aria-label={`Compare to revision ${n}`} checked={to === n} onChange={() => setTo(n)} />
                </td>
                <td>
                  {n}
                  {revision.origin ? ` (${revision.origin})` : ''}
                </td>
                <td>{formatTime(revision.at)}</td>
                <td>{fieldText(revision, 'headline')}</td>
                <td>
                  <button type="button" disabled={isBusy || n === revisionNumber(revisions[0]!)} onClick={() => restore(n)}>
                    Restore
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {before && after && (
        <div class="compare">
          <h2>
            Changes from revision {from} to revision {to}
          </h2>
          {comparedFields.map(([field, label]) => (
            <DiffView key={field} label={label} before={fieldText(before, field)} after={fieldText(after, field)} />
          ))}
        </div>
      )}
    </section>
  );
}
