import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAllowed } from '../../src/core/story.js';
import { articlePath } from '../../src/core/urls.js';
import { hashToken } from '../../src/ingest/sources/credentials.js';
import { runLede } from '../helpers/cli.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp, storedStory } from './e2e-helpers.js';

describe('lede sources', () => {
  let app: IngestTestApp;
  before(async () => {
    app = await startIngestApp();
    await app.store.sections.upsert({ slug: 'sport', name: 'Sport', position: 2, subjects: [] });
  });
  after(() => app.stop());

  const lede = (args: string[]) => runLede(args, { LEDE_DATA_DIR: app.config.dataDir });

  it('sets every rule of a source, keeps the push token only as a hash, and lists it back', async () => {
    const set = await lede([
      'sources',
      'set',
      'mpa',
      '--name',
      'Meridian Press Agency',
      '--rule',
      'hold',
      '--timezone',
      'Europe/Berlin',
      '--watch',
      join(app.config.dataDir, 'incoming', 'mpa'),
      '--feed',
      'https://feeds.example.com/mpa.xml',
      '--interval',
      '120',
      '--push-token',
      'tok-4242-secret',
      '--push-hmac-secret',
      'hmac-4242',
      '--idle-minutes',
      '30',
      '--sections',
      'mpa:SPO=sport,medtop:04000000=business',
      '--byline',
      'MPA staff',
      '--credit',
      'MPA/Photo',
      '--usage-terms',
      'For editorial use by subscribers only.',
      '--deny',
      'social,api',
      '--non-sequential-versions',
    ]);
    assert.equal(set.code, 0, set.stderr);
    const source = await app.store.sources.findBySlug('mpa');
    assert.equal(source?.publishRule, 'hold');
    assert.deepEqual(source?.rules, {
      timezone: 'Europe/Berlin',
      watchDir: join(app.config.dataDir, 'incoming', 'mpa'),
      feedUrl: 'https://feeds.example.com/mpa.xml',
      feedIntervalSeconds: 120,
      idleMinutes: 30,
      sections: { 'mpa:SPO': 'sport', 'medtop:04000000': 'business' },
      byline: 'MPA staff',
      sequentialVersions: false,
    });
    assert.deepEqual([isAllowed(source, 'social'), isAllowed(source, 'api'), isAllowed(source, 'feedsFullText')], [false, false, true]);
    assert.deepEqual([source?.photoCredit, source?.usageNotice], ['MPA/Photo', 'For editorial use by subscribers only.']);
    assert.deepEqual(await app.store.sources.pushCredentials('mpa'), { tokenHash: hashToken('tok-4242-secret'), hmacSecret: 'hmac-4242' });

    const list = await lede(['sources', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const [listed] = JSON.parse(list.stdout);
    assert.equal(listed.slug, 'mpa');
    assert.deepEqual(listed.rights, { social: false, api: false });
    assert.equal(listed.health.itemsLast24h, 0);
    assert.doesNotMatch(list.stdout, /tok-4242-secret|hmac-4242/);
    assert.match(
      (await lede(['sources', 'list'])).stdout,
      /^mpa\tMeridian Press Agency\trule hold\trights no social, no api\ttz Europe\/Berlin/m,
    );
  });

  it('refuses a bad setting with its field and reason, and changes nothing', async () => {
    const before = await app.store.sources.findBySlug('mpa');
    const tz = await lede(['sources', 'set', 'mpa', '--timezone', 'Mars/Olympus', '--rule', 'auto']);
    assert.equal(tz.code, 1);
    assert.match(tz.stderr, /source mpa: --timezone "Mars\/Olympus" is not an IANA time zone/);
    const right = await lede(['sources', 'set', 'mpa', '--allow', 'telepathy']);
    assert.match(right.stderr, /--allow "telepathy" is not a right \(known: social, feeds-fulltext, api, webhooks\)/);
    assert.deepEqual(await app.store.sources.findBySlug('mpa'), before);
  });

  it('applies the rules to what the source sends: time zone, section map, byline, credit and usage terms', async () => {
    assert.equal((await lede(['sources', 'set', 'mpa', '--rule', 'auto'])).code, 0);
    const item = wireItem({
      versioncreated: '2026-03-02T10:00:00',
      subjects: [{ literal: 'mpa:SPO' }],
    });
    delete item.by;
    const file = join(app.config.dataDir, 'mpa-story.json');
    await writeFile(file, JSON.stringify(item));
    const ingest = await lede(['ingest', '--source', 'mpa', file]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const story = await storedStory(app, 'mpa', item);
    assert.equal(story.versioncreated, '2026-03-02T09:00:00Z', 'read in Europe/Berlin (UTC+1 in March)');
    assert.equal(story.section, 'sport');
    assert.equal(story.byline, 'MPA staff');
    const page = await (await fetch(`${app.base}${articlePath(story)}`)).text();
    assert.match(page, /MPA staff/);
    assert.match(page, /For editorial use by subscribers only\./);
  });
});
