import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { describeEngines } from '../helpers/postgres.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

// Issue 10, item 4: an item that had text never comes out empty without a word. A body that
// cannot be read is told as `FILE: URI: body unreadable (reason)`, and lands in the source's
// health record (`lastError`, as `lede sources list` and /metrics show it).
const agencyItem = (guid: string) =>
  `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="${guid}" version="1"><itemMeta><itemClass qcode="ninat:text"/>` +
  '<versionCreated>2024-03-05T10:00:00Z</versionCreated></itemMeta><contentMeta><headline>Quay closed for repairs</headline></contentMeta>' +
  '<contentSet><inlineXML contenttype="application/x-agency+xml"><story><line>The quay stays closed until May.</line></story></inlineXML></contentSet></newsItem>';

describeEngines('body unreadable: in the source health record', { migrated: true }, (engine) => {
  let app: IngestTestApp;
  const token = 'push-token-unreadable-1';
  before(async () => {
    app = await startIngestApp(engine.name === 'postgres' ? { url: engine.url, searchPath: engine.searchPath } : {});
    await applySourceSettings(app.store.sources, 'quay', { name: 'Quay Agency', pushToken: token });
  });
  after(() => app.stop());

  it('records the warning with the file and the uri when a pushed item has a body Lede cannot read', async () => {
    const response = await fetch(`${app.base}/ingest/quay`, {
      method: 'POST',
      body: agencyItem('urn:quay:1'),
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 202, await response.clone().text());
    const status = (await app.store.sources.listStatus(new Date())).find((s) => s.sourceSlug === 'quay');
    assert.match(
      status?.lastError ?? '',
      /: urn:quay:1: body unreadable \(inlineXML application\/x-agency\+xml holds <story>: no paragraphs Lede can read\)$/,
    );
  });
});
