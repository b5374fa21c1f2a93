import { useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { formatTime } from '../format';
import { TableHead } from '../table-head';

export interface QuarantinedDoc {
  file: string;
  name: string;
  reason: string;
  source: string | null;
  at: string;
  is_record_only: boolean;
}
type ReplayDoc = { file: string; is_ingested: boolean; items?: number; reason?: string };
type ReplayAllDoc = { results: ReplayDoc[]; ingested: number; failed: number; remaining: number };

/**
 * The quarantine with each file's reason: replay one file, or every file of the chosen source
 * (`POST ingest/quarantine/replay-all`). `onChanged` reloads the list and shows the outcome.
 */
export function QuarantineList({
  entries,
  onChanged,
}: {
  entries: QuarantinedDoc[];
  onChanged: (message: { error?: string; notice?: string }) => Promise<void>;
}) {
  const { api } = useNewsroom();
  const [source, setSource] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const sources = [...new Set(entries.flatMap((e) => (e.source ? [e.source] : [])))].sort();
  const shown = entries.filter((e) => !source || e.source === source);
  const replayable = shown.filter((e) => !e.is_record_only).length;

  async function run(work: () => Promise<{ error?: string; notice?: string }>) {
    setIsBusy(true);
    try {
      await onChanged(await work());
    } catch (failure) {
      await onChanged({ error: describeError(failure) });
    } finally {
      setIsBusy(false);
    }
  }
  const replay = (entry: QuarantinedDoc) =>
    run(async () => {
      const { results } = await api.post<{ results: ReplayDoc[] }>('ingest/quarantine/replay', { files: [entry.file] });
      const [result] = results;
      return result?.is_ingested
        ? { notice: `${entry.name}: ingested ${result.items} item(s).` }
        : { error: `${entry.name} is still bad: ${result?.reason ?? 'unknown reason'}` };
    });
  const replayAll = () => {
    const which = source ? `of ${source}` : 'of every source';
    if (!confirm(`Replay all ${replayable} quarantined file(s) ${which}? Files that are still bad stay, with their new reason.`)) return;
    void run(async () => {
      const done = await api.post<ReplayAllDoc>('ingest/quarantine/replay-all', source ? { source } : {});
      const text = `Replayed ${done.results.length} file(s): ${done.ingested} ingested, ${done.failed} still bad${done.remaining ? `; ${done.remaining} left, replay again` : ''}.`;
      return done.failed > 0 ? { error: text } : { notice: text };
    });
  };

  if (entries.length === 0) return <p class="muted">No file is in quarantine.</p>;
  return (
    <>
      <div class="filters">
        <label>
          Source
          <select name="quarantine-source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={isBusy || replayable === 0} onClick={replayAll}>
          Replay all ({replayable})
        </button>
      </div>
      <table class="quarantine" aria-busy={isBusy}>
        <TableHead columns={['File', 'Source', 'Since', 'Reason']} actions />
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.file}>
              <th scope="row" title={entry.file}>
                {entry.name}
              </th>
              <td>{entry.source ?? '—'}</td>
              <td>{formatTime(entry.at)}</td>
              <td>{entry.reason}</td>
              <td>
                {!entry.is_record_only && (
                  <button type="button" disabled={isBusy} onClick={() => replay(entry)}>
                    Replay {entry.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
