import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import type { Ninjs, NinjsAssociation } from '../../core/ninjs.js';
import type { Store } from '../../store/types.js';
import { parseWireFile } from '../detect.js';
import type { MediaLibrary } from '../media.js';
import type { IngestPipeline } from '../pipeline.js';
import { sectionFor } from '../to-story.js';
import { parseDemoConfig } from './config.js';

export const demoSeededKey = 'demo.seeded';

export interface DemoLoadResult {
  stories: number;
  failed: Array<{ file: string; reason: string }>;
}

const timeFields = ['firstcreated', 'versioncreated', 'contentcreated', 'embargoed', 'expires'] as const;

/** Moves every time of an item by `shiftMs`, so the demo always looks current. */
function shiftTimes<T extends Partial<Ninjs>>(item: T, shiftMs: number): T {
  const out: Record<string, unknown> = { ...item };
  for (const field of timeFields) {
    const value = item[field];
    if (typeof value === 'string') out[field] = `${new Date(Date.parse(value) + shiftMs).toISOString().slice(0, 19)}Z`;
  }
  if (item.associations) out.associations = item.associations.map((a: NinjsAssociation) => shiftTimes(a, shiftMs));
  return out as T;
}

/**
 * Loads the demo set: the configuration (sections, sources, authors, settings) into the store,
 * then every wire file through the same parser and pipeline as ingest. A bad file is reported
 * with its name and reason and stops nothing.
 */
export async function loadDemo(deps: {
  store: Store;
  pipeline: IngestPipeline;
  media: MediaLibrary;
  clock: Clock;
  demoDir: string;
}): Promise<DemoLoadResult> {
  const { store } = deps;
  const configFile = join(deps.demoDir, 'config.json');
  const config = parseDemoConfig(await readFile(configFile, 'utf8'), configFile);
  for (const [position, section] of config.sections.entries()) await store.sections.upsert({ ...section, position });
  for (const source of config.sources) await store.sources.upsert({ ...source, publishRule: 'auto' });
  for (const author of config.authors) {
    const avatar = await deps.media.importPicture({ href: `lede-demo-avatar:${author.name}`, uri: `urn:lede-demo:avatar:${author.slug}` });
    await store.authors.upsert({
      slug: author.slug,
      name: author.name,
      role: author.role,
      bio: author.bio,
      sourceId: author.source,
      avatarMediaId: avatar.id,
    });
  }
  await store.settings.set('site', { name: config.site.name, description: config.site.description, language: config.site.language });
  await store.settings.set('callouts', config.settings.callouts);

  const shiftMs = deps.clock.now().getTime() - Date.parse(config.anchor);
  const itemsDir = join(deps.demoDir, 'items');
  const files = (await readdir(itemsDir)).filter((f) => !f.startsWith('.')).sort();
  const result: DemoLoadResult = { stories: 0, failed: [] };
  for (const file of files) {
    const path = join(itemsDir, file);
    try {
      const items = parseWireFile(await readFile(path), { filename: path }).map((item) => shiftTimes(item, shiftMs));
      const sourceSlug = items[0]?.infosources?.[0]?.uri?.split(':').pop();
      const source = config.sources.find((s) => s.slug === sourceSlug || s.name === items[0]?.infosources?.[0]?.name);
      const section =
        source?.kind === 'agency' && items[0]
          ? sectionFor(
              items[0],
              config.sections.map((s, position) => ({ ...s, position })),
            )
          : undefined;
      const handledBy = section ? config.desk[section] : undefined;
      const outcomes = await deps.pipeline.ingestItems(items, { source: source?.slug, origin: 'demo', handledBy });
      result.stories += outcomes.filter((o) => o.outcome !== 'ignored').length;
    } catch (error) {
      if (!isLedeError(error)) throw error;
      result.failed.push({ file: path, reason: error.message.startsWith(path) ? error.message.slice(path.length + 2) : error.message });
    }
  }
  await store.settings.setInternal(demoSeededKey, { at: deps.clock.now().toISOString(), stories: result.stories });
  return result;
}
