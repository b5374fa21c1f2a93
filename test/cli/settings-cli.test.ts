import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { settingKeys } from '../../src/core/settings-catalogue.js';
import { articlePath } from '../../src/core/urls.js';
import { eventually, type PullTestApp, startPullApp, wireItem } from '../distribute/pull-app.js';
import { runLede } from '../helpers/cli.js';

const callout = { text: 'Get the morning briefing', href: 'https://news.example/briefing', afterParagraph: 1 };
const calloutHtml = '<aside class="callout"><a href="https://news.example/briefing">Get the morning briefing</a></aside>';

const feedTitle = async (app: PullTestApp) => (await app.text('/feed.xml')).match(/<title>([^<]*)<\/title>/)?.[1];

/** One running app for the whole suite (its tests run in order), and `lede` run against the same database. */
describe('lede settings', () => {
  let app: PullTestApp;
  let articleUrl = '';
  const lede = (...args: string[]) => runLede(['settings', ...args], { LEDE_DATA_DIR: app.config.dataDir });
  const newArticle = async () => {
    const [outcome] = await app.ingest([wireItem()]);
    return articlePath((await app.store.stories.findById(outcome!.id))!);
  };
  let closeApp: () => unknown = () => {};
  before(async () => {
    // startPullApp closes the app in the `after` it is given: here, after the whole suite.
    const suite = { after: (fn: () => unknown) => (closeApp = fn) } as unknown as TestContext;
    app = await startPullApp(suite);
    articleUrl = await newArticle();
  });
  after(() => closeApp());

  it('sets a value that running pages and feeds follow, and gets it back as JSON', async () => {
    assert.doesNotMatch(await app.text(articleUrl), /class="callout"/);
    assert.equal(await feedTitle(app), 'The Daily Lede');

    const set = await lede('set', 'callouts', JSON.stringify([callout]));
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await lede('set', 'site', '{"name":"The Evening Lede","description":"Late news"}')).code, 0);
    // Both were cached before: the settings events written by another process must purge them.
    await eventually(async () => (await app.text(articleUrl)).includes(calloutHtml), 'the call-out on the cached article page');
    await eventually(async () => (await feedTitle(app)) === 'The Evening Lede', 'the new site name in the cached feed');

    const got = await lede('get', 'callouts');
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(JSON.parse(got.stdout), [callout]);
  });

  it('refuses bad JSON, an invalid value and an unknown key with exit 1, naming the key and the reason', async () => {
    const badJson = await lede('set', 'callouts', '[{text:');
    assert.equal(badJson.code, 1);
    assert.match(badJson.stderr, /^lede settings: callouts: not valid JSON/);
    const invalid = await lede('set', 'callouts', '[{"text":"Click","href":"javascript:alert(1)","afterParagraph":1}]');
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^lede settings: setting "callouts": `0.href` must be an http\(s\), mailto: or tg: link/);
    const wrongType = await lede('set', 'feeds', '{"fullText":"no"}');
    assert.equal(wrongType.code, 1);
    assert.match(wrongType.stderr, /setting "feeds": `fullText` .*expected boolean/);
    const unknown = await lede('set', 'colour', '"red"');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, `lede settings: unknown setting "colour" (known: ${settingKeys.join(', ')})\n`);

    assert.deepEqual(await app.store.settings.get('callouts'), [callout], 'the refused values changed nothing');
    assert.deepEqual(await app.store.settings.get('feeds'), { fullText: true });
    assert.match(await app.text(articleUrl), /Get the morning briefing/);
  });

  it('lists every key with its value, whether it is the default, and secrets masked', async () => {
    const set = await lede('set', 'telegram', '{"botToken":"123456:bot-secret","chatId":"@lede_news"}');
    assert.equal(set.code, 0, set.stderr);
    const list = await lede('list');
    assert.equal(list.code, 0, list.stderr);
    const rows = new Map(list.stdout.split('\n').flatMap((line) => (/^\S/.test(line) ? [line.split(/\s+/, 2) as [string, string]] : [])));
    assert.deepEqual([...rows.keys()], settingKeys);
    assert.equal(rows.get('telegram'), 'set');
    assert.equal(rows.get('websub'), 'default');
    assert.match(list.stdout, /^site +set +\{"name":"The Evening Lede"/m);
    assert.match(list.stdout, /^telegram +set +\{"botToken":"\*\*\*","chatId":"@lede_news"\}$/m);
    assert.match(list.stdout, /^api +default +\{"requireKey":false,"perMinute":120,"keyPerMinute":1200\}$/m);
    assert.doesNotMatch(list.stdout, /bot-secret/);
  });

  it('serves pages with the default when a stored value no longer validates, and says so', async () => {
    const db = new Database(join(app.config.dataDir, 'lede.db'));
    db.prepare("update settings set value = ? where key = 'callouts'").run(JSON.stringify([{ text: 'Old', href: 'https://x.example' }]));
    db.close();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const page = await app.get(await newArticle());
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /class="callout"/);
    await eventually(async () => warnings.some((w) => w.startsWith('setting "callouts": `0.afterParagraph`')), 'the bad value logged');
    process.off('warning', onWarning);
    const got = await lede('get', 'callouts');
    assert.equal(got.stdout, '[]\n');
    assert.match(
      got.stderr,
      /^lede settings: callouts: stored value invalid, using the default \(`0.afterParagraph` Invalid input: expected number/,
    );
  });
});
