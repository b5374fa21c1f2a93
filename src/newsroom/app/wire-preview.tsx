import { useEffect, useRef, useState } from 'preact/hooks';
import { useNewsroom } from './context';
import { formatTime } from './format';
import type { WireItemDoc } from './types';

/**
 * The agency copy as received (its body was sanitised at ingest, with the same allowlist as
 * the editor's), with the agency's later versions and kills.
 */
export function WirePreview({ item, onClose }: { item: WireItemDoc; onClose: () => void }) {
  const { api } = useNewsroom();
  const heading = useRef<HTMLHeadingElement>(null);
  const [full, setFull] = useState<WireItemDoc>(item);
  useEffect(() => {
    setFull(item);
    heading.current?.focus();
    if (item.body_html === undefined)
      api
        .get<WireItemDoc>(`wire/${encodeURIComponent(item.id)}`)
        .then((loaded) => setFull({ ...item, ...loaded }))
        .catch(() => undefined);
  }, [item.id]);
  return (
    <article class="wire-preview" aria-labelledby="wire-preview-title">
      <div class="title-row">
        <h2 id="wire-preview-title" ref={heading} tabIndex={-1}>
          {full.headline}
        </h2>
        <button type="button" class="link" onClick={onClose}>
          Close preview
        </button>
      </div>
      <p class="meta">
        {full.source}
        {full.uri ? ` · ${full.uri}` : ''}
        {full.agency_version !== undefined ? ` · agency version ${full.agency_version}` : ''}
      </p>
      {(full.agency_killed || full.wire_update_pending || (full.agency_versions ?? 0) > 1) && (
        <p class="updates">
          {full.agency_killed
            ? 'The agency killed this item: it cannot be published.'
            : full.wire_update_pending
              ? 'The agency sent a newer version after an editor changed this story.'
              : `The agency sent ${full.agency_versions} versions`}
          {full.last_agency_version_at ? ` (last ${formatTime(full.last_agency_version_at)})` : ''}
        </p>
      )}
      {full.standfirst && <p class="standfirst">{full.standfirst}</p>}
      {full.updates && full.updates.length > 0 && (
        <div class="updates">
          <h3>From the agency since</h3>
          <ul>
            {full.updates.map((update, index) => (
              <li key={index}>
                {formatTime(update.at)} ·{' '}
                {update.pubstatus === 'canceled' || update.kind === 'kill' ? 'KILL' : `version ${update.version ?? ''}`}{' '}
                {update.headline ?? ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="prose" dangerouslySetInnerHTML={{ __html: full.body_html ?? '' }} />
    </article>
  );
}
