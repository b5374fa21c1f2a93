import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { LedeError } from '../../core/errors.js';
import { eventForTransition } from '../../core/lifecycle.js';
import { canPublish, type User } from '../../core/roles.js';
import type { HeroImage, Story, StoryState } from '../../core/story.js';
import { slugify } from '../../core/urls.js';
import { emptyBody } from '../../ingest/sanitize.js';
import { storyIdFor } from '../../ingest/to-story.js';
import type { StoryChange } from '../../store/story-changes.js';
import type { Repos, Store, StoredStory } from '../../store/types.js';
import type { CreateStoryInput, PatchStoryInput } from '../schemas.js';
import { applyFields, contentOfRevision, correctionsAfter, finishStory, newsroomSource, snapshotOf } from './story-content.js';

export type StoryAction = 'submit' | 'publish' | 'unpublish' | 'kill' | 'schedule' | 'spike' | 'unspike';

/** The states each action starts from (DESIGN: draft → in review → scheduled / published → unpublished / killed). */
const actionFrom: Record<StoryAction, readonly StoryState[]> = {
  submit: ['draft'],
  publish: ['draft', 'review', 'scheduled', 'unpublished', 'held', 'spiked'],
  unpublish: ['published', 'scheduled'],
  kill: ['draft', 'review', 'scheduled', 'published', 'unpublished', 'held', 'spiked', 'embargoed', 'withheld', 'expired'],
  schedule: ['draft', 'review', 'unpublished', 'held', 'scheduled'],
  spike: ['held'],
  unspike: ['spiked'],
};

const actionTo: Record<StoryAction, StoryState> = {
  submit: 'review',
  publish: 'published',
  unpublish: 'unpublished',
  kill: 'killed',
  schedule: 'scheduled',
  spike: 'spiked',
  unspike: 'held',
};

const notFound = (id: string) => new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no story ${id}`);
const forbidden = (user: User, what: string) => new LedeError('LEDE_AUTH_FORBIDDEN', `a ${user.role} may not ${what}`);

/** Writers create and edit their own drafts (also once submitted) and submit them; editors and admins anything. */
function assertMayEdit(user: User, story: StoredStory): void {
  if (canPublish(user.role)) return;
  if (story.sourceId !== newsroomSource.slug || story.createdBy !== user.id) throw forbidden(user, "edit another's story");
  if (story.state !== 'draft' && story.state !== 'review') throw forbidden(user, `edit a story that is ${story.state}`);
}

/**
 * The newsroom's story operations. Every write goes through the one story-change operation
 * (`applyStoryChange`, with the client's `If-Match` as its base revision), decided on the story
 * as stored and locked; its audit row and a revision snapshot are written in the same transaction.
 */
export function createStoryOperations(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  let sourceReady: Promise<void> | undefined;
  const ensureSource = () =>
    (sourceReady ??= (async () => {
      if (!(await store.sources.findBySlug(newsroomSource.slug))) await store.sources.upsert(newsroomSource);
    })().catch((error) => {
      sourceReady = undefined;
      throw error;
    }));

  /** Looks up what the input refers to, before the transaction: the section, the authors, the hero picture. */
  const resolve = async (input: PatchStoryInput): Promise<{ hero?: HeroImage | null }> => {
    if (input.section !== undefined && !(await store.sections.findBySlug(input.section))) {
      throw new LedeError('LEDE_NEWSROOM_INVALID', `section: there is no section "${input.section}"`, { details: { field: 'section' } });
    }
    if (input.authors && input.authors.length > 0) {
      const known = new Set((await store.authors.findBySlugs(input.authors)).map((a) => a.slug));
      const unknown = input.authors.find((slug) => !known.has(slug));
      if (unknown)
        throw new LedeError('LEDE_NEWSROOM_INVALID', `authors: there is no author "${unknown}"`, { details: { field: 'authors' } });
    }
    if (input.hero === undefined || input.hero === null) return { hero: input.hero };
    const media = await store.media.findById(input.hero.media_id);
    if (!media || media.killedAt) {
      throw new LedeError('LEDE_NEWSROOM_INVALID', `hero.media_id: there is no usable picture "${input.hero.media_id}"`, {
        details: { field: 'hero.media_id' },
      });
    }
    return {
      hero: {
        mediaId: media.id,
        width: media.width,
        height: media.height,
        caption: input.hero.caption ?? media.caption,
        alt: input.hero.alt ?? media.alt,
        photographer: input.hero.photographer ?? media.byline,
        creditSource: input.hero.credit ?? media.credit,
      },
    };
  };

  /** One change in one transaction: the story change, then its audit row. */
  const change = async (input: {
    id: string;
    user: User;
    action: string;
    baseRevision?: number;
    decide: (current: StoredStory, now: Date) => StoryChange;
    details?: Record<string, unknown>;
  }): Promise<StoredStory> => {
    // Asked first: the revision check would call a missing story stale (412) rather than missing (404).
    if (!(await store.stories.findStored(input.id))) throw notFound(input.id);
    const now = clock.now();
    return store.transaction(async (tx: Repos) => {
      const result = await tx.applyStoryChange({
        id: input.id,
        baseRevision: input.baseRevision,
        decide: (current) => {
          if (!current) throw notFound(input.id);
          return input.decide(current, now);
        },
      });
      if (!result.applied) throw notFound(input.id);
      await tx.audit.append({
        at: now.toISOString(),
        userId: input.user.id,
        action: input.action,
        storyId: input.id,
        revision: result.story.revision,
        details: { state: result.story.state, ...input.details },
      });
      return result.story;
    });
  };

  /** What every editor's change records: the event, and the revision's snapshot (its version row). */
  const recorded = (story: Story, user: User, now: Date, kind: StoryChange['event']['kind']): Omit<StoryChange, 'flags'> => ({
    story,
    version: { version: story.version, pubstatus: story.pubstatus, ninjs: snapshotOf(story), editorId: user.id },
    event: { kind, version: story.version, origin: 'editor', at: now.toISOString() },
  });

  /** Agency copy an editor changed keeps the change: later agency versions only flag it (DESIGN "Lifecycle rules"). */
  const editFlags = (story: Story) => (story.sourceId === newsroomSource.slug ? {} : { editorEdited: true, wireUpdatePending: false });

  /** The newsroom's own stories are dated by their last save; agency copy keeps the agency's time (versions compare by it). */
  const touched = (story: Story, now: Date): Story =>
    story.sourceId === newsroomSource.slug ? { ...story, versioncreated: now.toISOString() } : story;

  return {
    async create(user: User, input: CreateStoryInput): Promise<StoredStory> {
      await ensureSource();
      const resolved = await resolve(input);
      const { language } = await store.settings.get('site');
      const now = clock.now().toISOString();
      const uri = `urn:lede:newsroom:${randomUUID()}`;
      const id = storyIdFor(newsroomSource.slug, uri);
      const blank: Story = {
        id,
        sourceId: newsroomSource.slug,
        uri,
        state: 'draft',
        pubstatus: 'usable',
        headline: input.headline,
        bodyHtml: emptyBody,
        language,
        firstcreated: now,
        versioncreated: now,
        tags: [],
        authorSlugs: [],
        corrections: [],
        slug: slugify(input.headline),
        contentHash: '',
        createdBy: user.id,
        ninjs: { uri, pubstatus: 'usable' },
      };
      return store.transaction(async (tx) => {
        const result = await tx.applyStoryChange({
          id,
          decide: (current) => {
            if (current) throw new Error(`story ${id} exists already`);
            const story = finishStory(applyFields(blank, input, resolved));
            return recorded(story, user, new Date(now), 'store');
          },
        });
        if (!result.applied) throw new Error(`story ${id} was not created`);
        await tx.audit.append({
          at: now,
          userId: user.id,
          action: 'story.create',
          storyId: id,
          revision: result.story.revision,
          details: {},
        });
        return result.story;
      });
    },

    async update(input: { user: User; id: string; baseRevision: number; fields: PatchStoryInput }): Promise<StoredStory> {
      const resolved = await resolve(input.fields);
      const { correction, ...fields } = input.fields;
      return change({
        id: input.id,
        user: input.user,
        action: 'story.update',
        baseRevision: input.baseRevision,
        details: { fields: Object.keys(input.fields) },
        decide: (current, now) => {
          assertMayEdit(input.user, current);
          if (current.state === 'killed') throw new LedeError('LEDE_NEWSROOM_STATE', `story ${current.id} is killed: it cannot change`);
          const edited = applyFields(current, fields, resolved);
          const corrections = correctionsAfter({ before: current, after: edited, text: correction, at: now.toISOString() });
          const story = finishStory(touched({ ...edited, corrections }, now));
          return {
            ...recorded(story, input.user, now, current.state === 'published' ? 'update' : 'store'),
            flags: editFlags(current),
          };
        },
      });
    },

    async restore(input: { user: User; id: string; revision: number; baseRevision?: number }): Promise<StoredStory> {
      const history = await store.stories.history(input.id);
      const row = history.find((h) => h.revision === input.revision);
      if (!row) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `story ${input.id} has no revision ${input.revision}`);
      return change({
        id: input.id,
        user: input.user,
        action: 'story.restore',
        baseRevision: input.baseRevision,
        details: { from_revision: input.revision },
        decide: (current, now) => {
          assertMayEdit(input.user, current);
          if (current.state === 'killed') throw new LedeError('LEDE_NEWSROOM_STATE', `story ${current.id} is killed: it cannot change`);
          const restored = contentOfRevision(row.ninjs, current);
          const corrections = correctionsAfter({ before: current, after: restored, at: now.toISOString() });
          // A published story keeps its address: the slug of the revision would move it.
          const slug = current.publishedAt ? current.slug : restored.slug;
          const story = finishStory(touched({ ...restored, slug, corrections }, now));
          return {
            ...recorded(story, input.user, now, current.state === 'published' ? 'update' : 'store'),
            flags: editFlags(current),
          };
        },
      });
    },

    /** submit, publish, unpublish, kill, schedule (with `at`), and the wire queue's spike and unspike. */
    async act(input: { user: User; id: string; action: StoryAction; at?: string; baseRevision?: number }): Promise<StoredStory> {
      const { user, action } = input;
      if (action !== 'submit' && !canPublish(user.role)) throw forbidden(user, `${action} a story (it needs editor or admin)`);
      const scheduledAt = input.at ? new Date(input.at) : undefined;
      if (action === 'schedule' && (!scheduledAt || scheduledAt.getTime() <= clock.now().getTime())) {
        throw new LedeError('LEDE_NEWSROOM_INVALID', 'at: must be a time in the future', { details: { field: 'at' } });
      }
      return change({
        id: input.id,
        user,
        action: `story.${action}`,
        baseRevision: input.baseRevision,
        details: scheduledAt ? { at: scheduledAt.toISOString() } : {},
        decide: (current, now) => {
          if (action === 'submit') assertMayEdit(user, current);
          if (!actionFrom[action].includes(current.state)) {
            throw new LedeError('LEDE_NEWSROOM_STATE', `story ${current.id} is ${current.state}: it cannot ${action}`);
          }
          const isOwnSchedule = current.state === 'scheduled';
          if (action === 'publish' && !isOwnSchedule && current.embargoed && Date.parse(current.embargoed) > now.getTime()) {
            throw new LedeError('LEDE_NEWSROOM_STATE', `story ${current.id} is under the agency's embargo until ${current.embargoed}`);
          }
          if ((action === 'publish' || action === 'schedule') && current.pubstatus !== 'usable') {
            throw new LedeError('LEDE_NEWSROOM_STATE', `story ${current.id} is ${current.pubstatus} by its agency: it cannot ${action}`);
          }
          const state = actionTo[action];
          let story: Story = { ...current, state };
          if (action === 'publish') {
            story.publishedAt = current.publishedAt ?? now.toISOString();
            if (isOwnSchedule) story.embargoed = undefined;
          } else if (action === 'schedule') {
            story.embargoed = scheduledAt!.toISOString();
          } else if (action === 'unpublish' && isOwnSchedule) {
            story.embargoed = undefined;
          } else if (action === 'kill') {
            story.pubstatus = 'canceled';
          }
          story = touched(story, now);
          return {
            ...recorded(story, user, now, eventForTransition(current.state, state)),
            ...(action === 'kill' ? { flags: { editorKilled: true } } : {}),
          };
        },
      });
    },
  };
}

export type StoryOperations = ReturnType<typeof createStoryOperations>;
