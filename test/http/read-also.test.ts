import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import type { Ninjs } from '../../src/core/ninjs.js';
import { articlePath } from '../../src/core/urls.js';
import { parseWireFile } from '../../src/ingest/detect.js';
import { eventually, hourMs, killOf, now, startPullApp, wireItem } from '../distribute/pull-app.js';
import { startTestApp } from '../helpers/app.js';
import { describeEngines } from '../helpers/postgres.js';

const angles = [
  'farmers march against the new dam on the Sarin river',
  'ministers resume talks on sharing the Sarin river water',
  'engineers warn the Sarin dam reservoir is filling too fast',
  'downstream villages ration Sarin river water as the dam fills',
  'a court hears the challenge to the Sarin dam licence',
];

/** A story of four paragraphs on the Sarin river dam, told from `angle`. */
const damStory = (angle: string, hoursAgo: number) =>
  wireItem({
    hoursAgo,
    headlines: [{ role: 'main', value: angle.charAt(0).toUpperCase() + angle.slice(1) }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: [
          `In the latest on the Sarin river dam, ${angle}.`,
          'The dam has divided the two countries that share the river since building began.',
          'Officials on both sides said water levels downstream were the lowest in decades.',
          'Talks on a water-sharing treaty are due to continue next month.',
        ]
          .map((text) => `<p>${text}</p>`)
          .join(''),
      },
    ],
  });

const readAlsoLinks = (page: string) =>
  [...page.matchAll(/<aside class="read-also"[^>]*>([\s\S]*?)<\/aside>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/<a href="([^"]+)"/g)].map((a) => a[1]!),
  );

describeEngines('Read also on a real server', { migrated: true }, (engine) => {
  it('links related live stories, and a kill takes the story out of every Read also block of another process within 5 s', async (t) => {
    const writer = await startPullApp(t, { engine });
    // The pages are read from a second app on the same database: it follows the kill through the event feed.
    const reader = await startTestApp({ clock: writer.clock, url: engine.url, searchPath: engine.searchPath });
    t.after(() => reader.close());
    const items = angles.map((angle, i) => damStory(angle, i + 1));
    const results = await writer.ingest(items);
    const stories = await Promise.all(results.map(async (r) => (await writer.store.stories.findById(r.id))!));
    const paths = stories.map((s) => articlePath(s));
    const get = (path: string) => fetch(`${reader.base}${path}`);

    let linkedToDoomed = 0;
    const doomed = paths[1]!;
    await eventually(async () => (await get(paths[4]!)).status === 200, 'the reader has every story', 5000);
    for (const path of paths) {
      const page = await (await get(path)).text();
      const links = readAlsoLinks(page);
      assert.ok(links.length > 0, `${path} has a Read also aside with links`);
      assert.ok(!links.includes(path), `${path} does not link itself`);
      for (const link of links) assert.ok(paths.includes(link), `${link} is one of the live stories`);
      if (links.includes(doomed)) linkedToDoomed++;
      assert.ok(!/<aside class="read-also"[^>]*hidden/.test(page), 'the aside is not hidden');
    }
    assert.ok(linkedToDoomed > 0, 'some cached pages link the story before its kill');

    await writer.ingest([killOf(items[1]!)]);
    await eventually(
      async () => {
        if ((await get(doomed)).status !== 410) return false;
        for (const path of paths.filter((p) => p !== doomed)) {
          const page = await (await get(path)).text();
          if (readAlsoLinks(page).includes(doomed)) return false;
        }
        return true;
      },
      'no Read also block links the killed story',
      5000,
    );
    for (const path of paths.filter((p) => p !== doomed)) {
      assert.ok(readAlsoLinks(await (await get(path)).text()).length > 0, `${path} still has Read also`);
    }
  });

  it('shows one entry per story cluster on the home page: the same release from two sources', async (t) => {
    const app = await startPullApp(t, { engine });
    const at = new Date(Date.parse(now) - hourMs).toISOString();
    const release = (path: string) => {
      const [item] = parseWireFile(readFileSync(new URL(`../fixtures/wire/${path}`, import.meta.url)), { filename: path }) as [Ninjs];
      return { ...item, firstcreated: at, versioncreated: at, subjects: [{ literal: 'mpa:WORLD' }] };
    };
    await app.ingest([release('newsml1/ok/businesswire-newsml-20130731006140.xml')], 'mpa');
    await app.ingest([release('ninjs/ok/businesswire-newsml-20130731006140.ninjs-1.4.json')], 'nordwire');
    await app.ingest([damStory(angles[0]!, 2)]);
    console.log((await app.text('/')).match(/href="[^"]*lunch[^"]*"/g));
    // Both copies share a headline, so a slug: count the entries linking it in the lead and "Latest".
    const entries = async () => {
      const top = (await app.text('/')).split('class="block section-block')[0] ?? '';
      return (top.match(/href="\/world\/\d{4}\/\d\d\/\d\d\/lunch-taking-a-toll[^"]*"/g) ?? []).length;
    };
    await eventually(async () => (await entries()) === 1, 'the home page shows the release once', 5000);
    assert.ok((await app.text('/')).includes('Farmers march against the new dam'), 'other stories are still there');
  });
});
