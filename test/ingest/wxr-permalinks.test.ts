import assert from 'node:assert/strict';
import { it } from 'node:test';
import { permalinkPath } from '../../src/ingest/permalinks.js';
import { call, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

const post = (input: { title: string; link: string; name: string; id: number }) => `
  <item>
    <title>${input.title}</title>
    <link>${input.link}</link>
    <guid isPermaLink="false">https://old.example/?p=${input.id}</guid>
    <dc:creator>mara</dc:creator>
    <content:encoded><![CDATA[<p>${input.title}: the first paragraph.</p>]]></content:encoded>
    <wp:post_id>${input.id}</wp:post_id>
    <wp:post_date_gmt>2024-03-04 08:15:00</wp:post_date_gmt>
    <wp:post_name>${input.name}</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>`;

const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel>
  <title>The Old Site</title>
  <link>https://old.example</link>
  <language>en</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  ${items}
</channel>
</rss>`;

it('takes the path of a permalink only where a redirect can match it', () => {
  const of = (value: string) => permalinkPath({ altids: [{ role: 'permalink', value }] });
  assert.equal(of('https://old.example/2024/03/04/ferry/'), '/2024/03/04/ferry/');
  assert.equal(of('https://old.example/?p=12'), undefined, 'a query: redirects match paths only');
  assert.equal(of('https://old.example/'), undefined, 'the old home page is ours');
  assert.equal(of('https://old.example/newsroom/x'), undefined, 'a reserved path');
  assert.equal(permalinkPath({}), undefined);
  // Hostile links from an export: nothing but a path of this site comes out, never raw bytes.
  assert.equal(of('javascript:alert(1)'), undefined, 'not a web address');
  assert.equal(of('https://'), undefined, 'truncated');
  assert.equal(of('https://old.example//evil.example/x'), undefined, 'a path that reads as another host');
  assert.equal(of('https://old.example/a\u0000b/'), '/a%00b/', 'a NUL stays encoded');
  assert.equal(of('https://old.example/caf\uD800/'), '/caf%EF%BF%BD/', 'a lone surrogate becomes U+FFFD, encoded');
  assert.equal(of(`https://old.example/${'a'.repeat(1999)}`), `/${'a'.repeat(1999)}`);
  assert.equal(of(`https://old.example/${'a'.repeat(100_000)}`), undefined, 'longer than an editor may give a redirect');
});

describeEngines('WordPress import keeps old addresses', { migrated: true }, (engine) => {
  it("keeps each post's link as altids permalink and answers 301 from its old path to the story", async (t) => {
    const app = await startNewsroomApp(t, engine);
    const old = '/2024/03/04/ferry-timetable-changes/';
    assert.equal((await call(app.base, 'GET', old)).status, 404, 'nothing at the old path before the import');
    const file = wxr(
      post({ title: 'Ferry timetable changes', link: `https://old.example${old}`, name: 'ferry-timetable-changes', id: 101 }) +
        post({ title: 'Plain permalink', link: 'https://old.example/?p=102', name: 'plain-permalink', id: 102 }),
    );
    const results = await app.app.services.pipeline.ingestFile({ bytes: Buffer.from(file), filename: 'old-site.xml', source: 'old-site' });
    assert.deepEqual(
      results.map((r) => r.state),
      ['published', 'published'],
    );
    const story = await app.store.stories.findById(results[0]!.id);
    assert.deepEqual(story?.ninjs.altids, [{ role: 'permalink', value: `https://old.example${old}` }]);
    const redirects = await app.store.redirects.list();
    assert.deepEqual(
      redirects.map((r) => r.fromPath),
      [old],
      'only the pretty permalink gets a redirect',
    );
    await within(2000, 'the old address redirects to the story', async () => {
      const answer = await call(app.base, 'GET', old);
      return answer.status === 301 && answer.headers.get('location') === redirects[0]!.toPath;
    });
    const page = await call(app.base, 'GET', redirects[0]!.toPath);
    assert.equal(page.status, 200);
    assert.match(page.body, /Ferry timetable changes: the first paragraph/);
    // Imported again (unchanged): the redirect stays, no second one.
    await app.app.services.pipeline.ingestFile({ bytes: Buffer.from(file), filename: 'old-site.xml', source: 'old-site' });
    assert.equal((await app.store.redirects.list()).length, 1);
  });
});
