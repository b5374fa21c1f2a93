import { useState } from 'preact/hooks';
import { DiffView } from './diff-view';
import { formatTime, textOf } from './format';
import { type Draft, draftOf, fieldLabels } from './story-fields';
import type { StoryDoc } from './types';

interface Props {
  mine: Draft;
  theirs: StoryDoc;
  onReload: () => void;
  onOverwrite: () => void;
}

const asText = (draft: Draft, field: keyof Draft): string => {
  if (field === 'body_html') return textOf(draft.body_html);
  if (field === 'hero') return draft.hero ? `${draft.hero.media_id ?? draft.hero.id ?? ''} ${draft.hero.alt ?? ''}`.trim() : '';
  return draft[field];
};

/**
 * Shown when a save answers 412: someone saved the story after this copy was loaded. Nothing
 * is overwritten unless the editor compares and chooses to.
 */
export function ConflictBanner({ mine, theirs, onReload, onOverwrite }: Props) {
  const [isComparing, setIsComparing] = useState(false);
  const theirDraft = draftOf(theirs);
  const changed = (Object.keys(fieldLabels) as Array<keyof Draft>).filter((field) => asText(mine, field) !== asText(theirDraft, field));
  return (
    <div class="conflict" role="alert">
      <h2>Someone else changed this story</h2>
      <p>
        It was saved again (version {theirs.version}
        {theirs.updated_at ? `, ${formatTime(theirs.updated_at)}` : ''}) after you opened it. Your latest changes are{' '}
        <strong>not saved</strong>, and autosave is paused.
      </p>
      <div class="actions">
        <button type="button" onClick={() => setIsComparing(!isComparing)} aria-expanded={isComparing}>
          {isComparing ? 'Hide comparison' : 'Compare'}
        </button>
        <button type="button" onClick={onReload}>
          Reload their version
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm('Replace their changes with yours?')) onOverwrite();
          }}
        >
          Save mine over theirs
        </button>
      </div>
      {isComparing && (
        <div class="compare">
          <p class="muted">Struck through: only in their version. Underlined: only in yours.</p>
          {changed.length === 0 && <p>The texts are the same.</p>}
          {changed.map((field) => (
            <DiffView key={field} label={fieldLabels[field]} before={asText(theirDraft, field)} after={asText(mine, field)} />
          ))}
        </div>
      )}
    </div>
  );
}
