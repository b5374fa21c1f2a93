import type { Ninjs } from '../../core/ninjs.js';
import type { Source } from '../../core/story.js';
import { slugify } from '../../core/urls.js';
import type { SourceRepo } from '../../store/types.js';

/** The agency an item names: its first info source, else its copyright holder. */
export function providerName(item: Pick<Ninjs, 'infosources' | 'copyrightholder'>): string | undefined {
  return item.infosources?.find((s) => s.name)?.name ?? item.copyrightholder;
}

/** The source a file belongs to: named by the caller, else the agency the item names. */
export function sourceSlugFor(item: Ninjs, explicit?: string): string {
  return explicit ?? slugify(providerName(item) ?? 'unknown');
}

/**
 * The stored source, or a new one registered from the item's provider with the default
 * rule (auto-publish), so that `lede ingest FILE` without `--source` just works.
 */
export async function ensureSource(sources: SourceRepo, slug: string, item: Ninjs): Promise<Source> {
  const known = await sources.findBySlug(slug);
  if (known) return known;
  const name = providerName(item) ?? slug;
  const source: Source = { slug, name, shortName: name, kind: 'agency', copyrightholder: item.copyrightholder, publishRule: 'auto' };
  await sources.upsert(source);
  return source;
}
