import { useState } from 'preact/hooks';
import { canPublish } from './context';
import type { Role, StoryDoc } from './types';

export type StoryAction = 'submit' | 'publish' | 'schedule' | 'unpublish' | 'kill';

interface Props {
  story: StoryDoc | undefined;
  role: Role;
  isBusy: boolean;
  onAction: (action: StoryAction, body?: Record<string, unknown>) => void;
}

const publishable = new Set(['draft', 'in_review', 'review', 'submitted', 'scheduled', 'unpublished', 'held']);

/** The workflow buttons a role may use in the story's state (the server checks again). */
export function StoryActions({ story, role, isBusy, onAction }: Props) {
  const [at, setAt] = useState('');
  if (!story) return null;
  const isEditor = canPublish(role);
  const state = story.state;
  return (
    <fieldset class="workflow">
      <legend class="visually-hidden">Workflow</legend>
      {!isEditor && state === 'draft' && (
        <button type="button" class="primary" disabled={isBusy} onClick={() => onAction('submit')}>
          Submit for review
        </button>
      )}
      {isEditor && publishable.has(state) && (
        <button type="button" class="primary" disabled={isBusy} onClick={() => onAction('publish')}>
          Publish
        </button>
      )}
      {isEditor && publishable.has(state) && (
        <span class="schedule">
          <label>
            Publish at
            <input type="datetime-local" name="schedule-at" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
          </label>
          <button type="button" disabled={isBusy || !at} onClick={() => onAction('schedule', { at: new Date(at).toISOString() })}>
            Schedule
          </button>
        </span>
      )}
      {isEditor && state === 'published' && (
        <button type="button" disabled={isBusy} onClick={() => onAction('unpublish')}>
          Unpublish
        </button>
      )}
      {isEditor && state !== 'killed' && (
        <button
          type="button"
          class="danger"
          disabled={isBusy}
          onClick={() => {
            if (confirm('Kill this story? Its page will answer "gone" and it leaves every feed and channel. This cannot be undone.'))
              onAction('kill');
          }}
        >
          Kill
        </button>
      )}
    </fieldset>
  );
}
