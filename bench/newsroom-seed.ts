/**
 * The newsroom bench's data: N stories in every newsroom state (drafts, in review, scheduled,
 * published, unpublished, killed, spiked wire copy) and M agency items held in the wire queue,
 * written through the store's one batched story-change operation (`applyStoryChanges`, 1,000
 * stories per transaction), each with its version and event as ingest and the newsroom write
 * them. Words are drawn from a Zipf-like vocabulary so that searches hit many, some or few rows.
 */
import { createHash } from 'node:crypto';
import { systemClock } from '../src/core/clock.js';
import type { Story, StoryState } from '../src/core/story.js';
import { slugify } from '../src/core/urls.js';
import { sanitizeBody } from '../src/ingest/sanitize.js';
import { storyIdFor } from '../src/ingest/to-story.js';
import { createAccounts } from '../src/newsroom/auth/accounts.js';
import { newsroomSource } from '../src/newsroom/operations/story-content.js';
import { openStore } from '../src/store/open.js';
import type { StoryChangeRequest } from '../src/store/story-changes.js';

export const sections = ['world', 'politics', 'business', 'science', 'culture', 'sport'];
export const heldSources = ['reuters', 'afp'];
export const editor = { email: 'bench-editor@example.com', password: 'bench editor password' };

/** Real words first (the common ones), then made-up ones: rank r is drawn about 1/r as often. */
const realWords = (
  'minister election market government police court council president budget talks ' +
  'storm energy health school border trade bank workers strike protest climate water ' +
  'report deal vote party company prices rates power crisis plan city state war peace ' +
  'river harbour bridge railway airport hospital farmers drought flood museum festival'
).split(' ');
const syllables = 'ka lo mi ne ru sa ti po be da ge fu ha ji ko la ma no pe ri so tu va we yo zu'.split(' ');
export const vocabulary = [
  ...realWords,
  ...Array.from({ length: 6000 }, (_, i) => {
    let word = '';
    for (let n = i + 7; n > 0 || word.length < 6; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    return `${word}n`;
  }),
];

let seed = 11;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(random() * Math.log(vocabulary.length))) - 1)]!;
const words = (n: number) => Array.from({ length: n }, word).join(' ');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Sanitised once each (every stored body went through the sanitiser), then shared. */
const bodies = Array.from({ length: 500 }, () =>
  sanitizeBody(Array.from({ length: 5 }, () => `<p>${capitalised(words(40))}.</p>`).join('')),
);

/** The state of the i-th of the N non-queued stories: mostly published, the rest across the workflow. */
function stateOf(i: number): { state: StoryState; agency: boolean } {
  const r = i % 100;
  if (r < 35) return { state: 'published', agency: false };
  if (r < 70) return { state: 'published', agency: true };
  if (r < 80) return { state: 'draft', agency: false };
  if (r < 85) return { state: 'review', agency: false };
  if (r < 87) return { state: 'scheduled', agency: false };
  if (r < 92) return { state: 'unpublished', agency: false };
  if (r < 95) return { state: 'killed', agency: false };
  return { state: 'spiked', agency: true };
}

function storyAt(input: { n: number; state: StoryState; sourceId: string; at: string; userId: string }): Story {
  const { n, state, sourceId, at } = input;
  const agency = sourceId !== newsroomSource.slug;
  const uri = agency ? `urn:bench:${sourceId}:${n}` : `urn:lede:newsroom:${n}`;
  const headline = capitalised(words(6 + (n % 5)));
  const published = state === 'published' || state === 'unpublished' || state === 'killed';
  const story: Story = {
    id: agency ? storyIdFor(sourceId, uri) : `bench-${n}`,
    sourceId,
    uri,
    ...(agency ? { version: '1' } : {}),
    state,
    pubstatus: state === 'killed' ? 'canceled' : 'usable',
    headline,
    standfirst: capitalised(words(20)),
    bodyHtml: bodies[n % bodies.length]!,
    language: 'en',
    firstcreated: at,
    versioncreated: at,
    ...(published ? { publishedAt: at } : {}),
    ...(state === 'scheduled' ? { embargoed: new Date(Date.parse(at) + 400 * 86_400_000).toISOString() } : {}),
    ...(agency ? { urgency: 1 + Math.floor(random() ** 0.5 * 8) } : {}),
    section: sections[n % sections.length],
    tags: [word(), word()],
    authorSlugs: [],
    corrections: [],
    slug: `${slugify(headline)}-${n}`,
    contentHash: createHash('sha256').update(`${n}`).digest('hex').slice(0, 32),
    ...(agency ? {} : { createdBy: input.userId }),
    ninjs: { uri, pubstatus: 'usable', headlines: [{ role: 'main', value: headline }] },
  };
  return story;
}

const eventKind = (state: StoryState) => (state === 'published' ? 'publish' : state === 'killed' ? 'kill' : 'store');

/**
 * Seeds a store (opened, migrated, closed here) unless it already holds the stories: returns
 * what it did. Stories change every 6 minutes back from now; queued items every 20 seconds.
 */
export async function seedNewsroom(options: {
  url: string;
  searchPath?: string;
  stories: number;
  wire: number;
  log: (message: string) => void;
}): Promise<{ seeded: boolean; seconds: number }> {
  const started = performance.now();
  const store = await openStore({ url: options.url, searchPath: options.searchPath });
  try {
    await store.migrate();
    const accounts = createAccounts({ store, clock: systemClock });
    const existing = await store.accounts.findCredentials(editor.email);
    if (existing) return { seeded: false, seconds: 0 };
    await store.sources.upsert(newsroomSource);
    for (const slug of ['reuters', 'afp', 'ap']) {
      await store.sources.upsert({
        slug,
        name: slug.toUpperCase(),
        shortName: slug.toUpperCase(),
        kind: 'agency',
        usageNotice: `Copyright ${slug.toUpperCase()}. Republication only under licence.`,
        publishRule: heldSources.includes(slug) ? 'hold' : 'auto',
      });
    }
    for (const [position, slug] of sections.entries()) {
      await store.sections.upsert({ slug, name: capitalised(slug), position, subjects: [] });
    }
    const user = await accounts.addUser({ email: editor.email, name: 'Bench Editor', role: 'editor', password: editor.password });
    const now = Date.now();
    const plan: Array<{ n: number; state: StoryState; sourceId: string; at: string }> = [];
    for (let i = 0; i < options.stories; i++) {
      const { state, agency } = stateOf(i);
      const sourceId = agency ? (state === 'spiked' ? heldSources[i % 2]! : 'ap') : newsroomSource.slug;
      plan.push({ n: i, state, sourceId, at: new Date(now - 60_000 - i * 360_000).toISOString() });
    }
    for (let j = 0; j < options.wire; j++) {
      plan.push({
        n: options.stories + j,
        state: 'held',
        sourceId: heldSources[j % 2]!,
        at: new Date(now - 30_000 - j * 20_000).toISOString(),
      });
    }
    // Oldest first, as they would have arrived.
    plan.sort((a, b) => a.at.localeCompare(b.at));
    for (let from = 0; from < plan.length; from += 1000) {
      const requests: StoryChangeRequest[] = plan.slice(from, from + 1000).map((entry) => {
        const story = storyAt({ ...entry, userId: user.id });
        const agency = story.sourceId !== newsroomSource.slug;
        return {
          id: story.id,
          decide: () => ({
            story,
            version: {
              version: story.version,
              pubstatus: story.pubstatus,
              ninjs: { ...story.ninjs, bodies: [{ role: 'main', contenttype: 'text/html', value: story.bodyHtml }] },
              ...(agency ? {} : { editorId: user.id }),
            },
            event: { kind: eventKind(story.state), origin: agency ? 'wire' : 'editor', at: story.versioncreated },
          }),
        };
      });
      await store.transaction((tx) => tx.applyStoryChanges(requests));
      if ((from / 1000) % 10 === 9) options.log(`  seeded ${from + requests.length} of ${plan.length}`);
    }
    return { seeded: true, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}
