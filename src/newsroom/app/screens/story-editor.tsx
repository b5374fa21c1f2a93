import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api';
import { BodyEditor } from '../body-editor';
import { ConflictBanner } from '../conflict-banner';
import { useNewsroom } from '../context';
import { formatTime, stateLabel } from '../format';
import { HeroPicker } from '../hero-picker';
import { Picker } from '../picker';
import { hrefOf, navigate } from '../router';
import { type StoryAction, StoryActions } from '../story-actions';
import { createPayload, type Draft, draftOf, draftProblems, emptyDraft, isSameDraft, patchPayload, splitList } from '../story-fields';
import type { StoryDoc } from '../types';
import { useLookup } from '../use-lookup';

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

const autosaveDelayMs = 1500;
const autosavedStates = new Set(['draft']);

export function StoryEditor({ id }: { id?: string }) {
  const { api, user } = useNewsroom();
  const sections = useLookup('sections');
  const authors = useLookup('authors');
  const [story, setStory] = useState<StoryDoc | undefined>(undefined);
  const [saved, setSaved] = useState<Draft>(emptyDraft);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [conflict, setConflict] = useState<StoryDoc | undefined>(undefined);
  const [serverProblem, setServerProblem] = useState<{ field?: string; message: string } | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [notice, setNotice] = useState('');
  // Bumped when the body is replaced from outside the editor (a load, a reload after a conflict).
  const [contentKey, setContentKey] = useState(0);
  const [preview, setPreview] = useState<{ href: string; expiresAt?: string } | undefined>(undefined);
  // The latest values for the save loop (an autosave timer fires after renders).
  const latest = useRef({ story, saved, draft, conflict });
  latest.current = { story, saved, draft, conflict };
  const inFlight = useRef<Promise<boolean> | null>(null);

  useEffect(() => {
    if (!id) return;
    api
      .get<StoryDoc>(`stories/${encodeURIComponent(id)}`)
      .then((loaded) => adopt(loaded))
      .catch((failure) => setLoadError(describeError(failure)));
  }, [id]);

  function adopt(next: StoryDoc) {
    const nextDraft = draftOf(next);
    setStory(next);
    setSaved(nextDraft);
    setDraft(nextDraft);
    setConflict(undefined);
    setContentKey((key) => key + 1);
  }

  const problems = draftProblems(draft);
  const isDirty = !isSameDraft(saved, draft);

  /** Saves the draft (create or PATCH with If-Match); true when the server has it. */
  async function save(): Promise<boolean> {
    while (inFlight.current) await inFlight.current;
    const attempt = saveOnce();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }

  async function saveOnce(): Promise<boolean> {
    const { story: base, saved: baseDraft, draft: sending, conflict: isConflicted } = latest.current;
    if (isConflicted) return false;
    if (Object.keys(draftProblems(sending)).length > 0) {
      setStatus({ kind: 'error', message: 'Fix the marked fields to save.' });
      return false;
    }
    if (base && isSameDraft(baseDraft, sending)) return true;
    setStatus({ kind: 'saving' });
    setServerProblem(undefined);
    try {
      if (!base) {
        const created = await api.request<StoryDoc>('POST', 'stories', { body: createPayload(sending) });
        navigate(hrefOf({ name: 'story', id: created.id }), { replace: true });
        return true;
      }
      const updated = await api.request<StoryDoc>('PATCH', `stories/${encodeURIComponent(base.id)}`, {
        body: patchPayload(baseDraft, sending),
        ifMatch: base.version,
      });
      setStory(updated);
      setSaved(sending);
      setStatus({ kind: 'saved', at: new Date() });
      return true;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412 && base) {
        const theirs = await api.get<StoryDoc>(`stories/${encodeURIComponent(base.id)}`).catch(() => undefined);
        setConflict(theirs ?? { ...base, version: base.version + 1 });
        setStatus({ kind: 'error', message: 'Not saved: someone else changed this story.' });
        return false;
      }
      if (failure instanceof ApiError && failure.status < 500) setServerProblem({ field: failure.field, message: failure.message });
      setStatus({ kind: 'error', message: `Not saved: ${describeError(failure)}` });
      return false;
    }
  }

  // Autosave of drafts: a pause in typing saves; other states save when asked.
  useEffect(() => {
    if (!story || conflict || !isDirty || !autosavedStates.has(story.state) || Object.keys(problems).length > 0) return;
    const timer = setTimeout(() => void save(), autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [draft, story, conflict]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const onLeave = (event: BeforeUnloadEvent) => {
      if (!isSameDraft(latest.current.saved, latest.current.draft)) event.preventDefault();
    };
    addEventListener('beforeunload', onLeave);
    return () => removeEventListener('beforeunload', onLeave);
  }, []);

  async function act(action: StoryAction, body?: Record<string, unknown>) {
    if (!story) return;
    setIsBusy(true);
    setNotice('');
    try {
      if (isDirty && !(await save())) return;
      const current = latest.current.story ?? story;
      const result = await api.request<StoryDoc>('POST', `stories/${encodeURIComponent(current.id)}/${action}`, {
        body: body ?? {},
        ifMatch: current.version,
      });
      const next = result?.id ? result : await api.get<StoryDoc>(`stories/${encodeURIComponent(current.id)}`);
      setStory(next);
      setNotice(`${stateLabel(next.state)}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412) {
        const theirs = await api.get<StoryDoc>(`stories/${encodeURIComponent(story.id)}`).catch(() => undefined);
        if (theirs) setConflict(theirs);
      }
      setNotice(`Could not ${action}: ${describeError(failure)}`);
    } finally {
      setIsBusy(false);
    }
  }

  if (loadError)
    return (
      <section>
        <h1>Story</h1>
        <p class="error" role="alert">
          {loadError}
        </p>
      </section>
    );
  if (id && !story) return <p class="muted">Loading…</p>;

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((current) => ({ ...current, [field]: value }));
  const problemOf = (field: keyof Draft | 'alt') => problems[field] ?? (serverProblem?.field === field ? serverProblem.message : undefined);
  async function makePreview() {
    if (!story) return;
    if (isDirty && !(await save())) return;
    try {
      const link = await api.post<{ url: string; expires_at?: string }>(`stories/${encodeURIComponent(story.id)}/preview`);
      // The same server answers the site's /preview/{token}: keep the link on this origin.
      const url = new URL(link.url, location.href);
      setPreview({ href: url.pathname + url.search, expiresAt: link.expires_at });
    } catch (failure) {
      setNotice(`No preview: ${describeError(failure)}`);
    }
  }

  return (
    <section class="editor">
      <div class="title-row">
        <h1>{story ? 'Edit story' : 'New story'}</h1>
        {story && (
          <span class={`state state-${story.state}`} data-testid="story-state">
            {stateLabel(story.state)}
          </span>
        )}
      </div>
      {conflict && (
        <ConflictBanner
          mine={draft}
          theirs={conflict}
          onReload={() => {
            adopt(conflict);
            setStatus({ kind: 'idle' });
          }}
          onOverwrite={() => {
            // Their version becomes the base; the PATCH carries my fields over it, with their version.
            latest.current = { ...latest.current, story: conflict, saved: draftOf(conflict), conflict: undefined };
            setStory(conflict);
            setSaved(draftOf(conflict));
            setConflict(undefined);
            void save();
          }}
        />
      )}
      <div class="editor-grid">
        <form
          class="fields"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Field label="Headline" name="headline" problem={problemOf('headline')}>
            {(props) => <input {...props} required value={draft.headline} onInput={(e) => set('headline', e.currentTarget.value)} />}
          </Field>
          <Field label="Standfirst" name="standfirst" problem={problemOf('standfirst')}>
            {(props) => <textarea {...props} rows={2} value={draft.standfirst} onInput={(e) => set('standfirst', e.currentTarget.value)} />}
          </Field>
          <div class="field">
            <span class="label" id="body-label">
              Body
            </span>
            <BodyEditor
              id="body"
              labelId="body-label"
              html={draft.body_html}
              contentKey={contentKey}
              onChange={(html) => set('body_html', html)}
            />
            {problemOf('body_html') && <p class="error">{problemOf('body_html')}</p>}
          </div>
          <HeroPicker hero={draft.hero} altProblem={problemOf('alt') ?? problemOf('hero')} onChange={(hero) => set('hero', hero)} />
          <div class="save-row">
            <button type="submit" class="primary" disabled={isBusy || status.kind === 'saving' || Boolean(conflict)}>
              {story ? 'Save' : 'Save draft'}
            </button>
            <SaveState status={status} isDirty={isDirty} />
          </div>
        </form>
        <aside class="side">
          <StoryActions story={story} role={user.role} isBusy={isBusy || Boolean(conflict)} onAction={act} />
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          {story && (
            <ul class="links">
              <li>
                {preview ? (
                  <a href={preview.href} target="_blank" rel="noopener">
                    Open the preview{preview.expiresAt ? ` (until ${formatTime(preview.expiresAt)})` : ''}
                  </a>
                ) : (
                  <button type="button" class="link" onClick={makePreview}>
                    Preview as readers will see it
                  </button>
                )}
              </li>
              {story.url && (
                <li>
                  <a href={story.url} target="_blank" rel="noopener">
                    View on the site
                  </a>
                </li>
              )}
              <li>
                <a href={hrefOf({ name: 'revisions', id: story.id })}>Revisions</a>
              </li>
              <li class="muted">
                Version {story.version}
                {story.updated_at ? ` · ${formatTime(story.updated_at)}` : ''}
              </li>
            </ul>
          )}
          <Field label="Section" name="section" hint="Type to search the sections" problem={problemOf('section')}>
            {(props) => (
              <Picker
                {...props}
                choices={sections}
                value={draft.section ? [draft.section] : []}
                onChange={([slug]) => set('section', slug ?? '')}
              />
            )}
          </Field>
          <Field label="Slug" name="slug" hint="From the headline when empty" problem={problemOf('slug')}>
            {(props) => <input {...props} value={draft.slug} onInput={(e) => set('slug', e.currentTarget.value)} />}
          </Field>
          <Field label="Tags" name="tags" hint="Comma-separated" problem={problemOf('tags')}>
            {(props) => <input {...props} value={draft.tags} onInput={(e) => set('tags', e.currentTarget.value)} />}
          </Field>
          <Field
            label="Authors"
            name="authors"
            hint="Type to search the author profiles; several may be added"
            problem={problemOf('authors')}
          >
            {(props) => (
              <Picker
                {...props}
                isMultiple
                choices={authors}
                value={splitList(draft.authors)}
                onChange={(slugs) => set('authors', slugs.join(', '))}
              />
            )}
          </Field>
          {story?.source && (
            <p class="source-line">
              Source attribution: <strong>{story.source === 'newsroom' ? 'our own reporting' : `Source: ${story.source}`}</strong>
            </p>
          )}
          <Field label="Byline" name="byline" hint="When no author profile fits" problem={problemOf('byline')}>
            {(props) => <input {...props} value={draft.byline} onInput={(e) => set('byline', e.currentTarget.value)} />}
          </Field>
          <Field label="Usage notice" name="usage_notice" problem={problemOf('usage_notice')}>
            {(props) => (
              <textarea {...props} rows={2} value={draft.usage_notice} onInput={(e) => set('usage_notice', e.currentTarget.value)} />
            )}
          </Field>
          <Field label="SEO title" name="seo_title" problem={problemOf('seo_title')}>
            {(props) => <input {...props} value={draft.seo_title} onInput={(e) => set('seo_title', e.currentTarget.value)} />}
          </Field>
          <Field label="SEO description" name="seo_description" problem={problemOf('seo_description')}>
            {(props) => (
              <textarea {...props} rows={3} value={draft.seo_description} onInput={(e) => set('seo_description', e.currentTarget.value)} />
            )}
          </Field>
        </aside>
      </div>
    </section>
  );
}

interface FieldProps {
  label: string;
  name: string;
  hint?: string;
  problem?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => preact.ComponentChildren;
}

/** A labelled control with its hint and its problem (linked by aria-describedby). */
function Field({ label, name, hint, problem, children }: FieldProps) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id} class="label">
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {children({ id, name, 'aria-invalid': problem ? 'true' : undefined, 'aria-describedby': described || undefined })}
      {problem && (
        <p id={`${id}-problem`} class="error">
          {problem}
        </p>
      )}
    </div>
  );
}

function SaveState({ status, isDirty }: { status: SaveStatus; isDirty: boolean }) {
  const text =
    status.kind === 'saving'
      ? 'Saving…'
      : status.kind === 'error'
        ? status.message
        : isDirty
          ? 'Unsaved changes'
          : status.kind === 'saved'
            ? `Saved at ${status.at.toLocaleTimeString()}`
            : '';
  return (
    <span class={status.kind === 'error' ? 'save-state error' : 'save-state'} role="status" aria-live="polite">
      {text}
    </span>
  );
}
