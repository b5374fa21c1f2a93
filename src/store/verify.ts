import type { Kysely } from 'kysely';
import type { EventKind } from '../core/lifecycle.js';
import { auditStory, type StoryRecord } from '../core/story-audit.js';
import type { Database } from './schema.js';

export interface StoryAuditResult {
  checked: number;
  problems: Array<{ id: string; sourceId: string; uri: string; problems: string[] }>;
}

/**
 * `lede verify`: every story's stored state against the one rebuilt from its versions and
 * events (core/story-audit.ts), a page of stories at a time so a large database fits in memory.
 */
export async function auditStories(db: Kysely<Database>, options: { pageSize?: number } = {}): Promise<StoryAuditResult> {
  const pageSize = options.pageSize ?? 500;
  const result: StoryAuditResult = { checked: 0, problems: [] };
  let after = '';
  for (;;) {
    const stories = await db
      .selectFrom('stories')
      .select(['id', 'source_id', 'uri', 'state', 'version', 'pubstatus', 'revision'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (stories.length === 0) return result;
    after = stories.at(-1)!.id;
    const ids = stories.map((s) => s.id);
    const versions = await db
      .selectFrom('story_versions')
      .select(['story_id', 'revision', 'version', 'pubstatus', 'editor_id'])
      .where('story_id', 'in', ids)
      .orderBy('id')
      .execute();
    const events = await db.selectFrom('events').select(['id', 'story_id', 'kind']).where('story_id', 'in', ids).orderBy('id').execute();
    for (const story of stories) {
      const record: StoryRecord = {
        id: story.id,
        state: story.state,
        version: story.version ?? undefined,
        pubstatus: story.pubstatus,
        revision: Number(story.revision),
        versions: versions
          .filter((v) => v.story_id === story.id)
          .map((v) => ({
            revision: v.revision ?? undefined,
            version: v.version ?? undefined,
            pubstatus: v.pubstatus,
            ...(v.editor_id ? { isEditorial: true } : {}),
          })),
        events: events.filter((e) => e.story_id === story.id).map((e) => ({ id: Number(e.id), kind: e.kind as EventKind })),
      };
      result.checked++;
      const problems = auditStory(record);
      if (problems.length > 0) result.problems.push({ id: story.id, sourceId: story.source_id, uri: story.uri, problems });
    }
  }
}
