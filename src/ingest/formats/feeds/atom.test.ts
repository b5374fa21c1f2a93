import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { atomFormat } from './index.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../test/fixtures/wire/feeds/${path}`, import.meta.url));
const parse = (path: string) => atomFormat.parse(fixture(path), { filename: path });

describe('atom format', () => {
  it('reads every heise entry with id, updated and published in UTC, and the feed author as by', () => {
    const items = parse('ok/heise.atom');
    assert.equal(items.length, 15);
    assertNinjsContract(items);
    const [first] = items;
    assert.equal(first?.uri, 'http://heise.de/-3088438');
    assert.equal(first?.type, 'text');
    assert.equal(first?.pubstatus, 'usable');
    assert.equal(first?.versioncreated, '2016-02-01T16:54:50Z');
    assert.equal(first?.firstcreated, '2016-02-01T16:22:00Z');
    assert.equal(first?.by, 'heise online');
    assert.equal(mainHeadline(first!), 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei');
    assert.deepEqual(first?.infosources, [{ name: 'heise developer neueste Meldungen' }]);
    assert.equal(first?.language, undefined);
  });

  it('takes the CDATA content as the body, with its linked image in a paragraph, and the summary as summary', () => {
    const [first] = parse('ok/heise.atom');
    const body = mainBodyHtml(first!) ?? '';
    assert.match(
      body,
      /^<p><a href="http:\/\/www\.heise\.de\/developer\/meldung\/[^"]+">\s*<img src="http:\/\/www\.heise\.de\/scale\/[^"]+" alt="WildFly 10" \/>\s*<\/a><\/p>/,
    );
    assert.match(body, /<p>Die nun verfügbare Version 10 des Enterprise-Java-Servers [^<]+<\/p>$/);
    assert.doesNotMatch(body, /title=/);
    assert.match(first?.descriptions?.[0]?.value ?? '', /^Die nun verfügbare Version 10/);
    assert.equal(first?.descriptions?.[0]?.role, 'summary');
  });

  it('renders XHTML content, joins several authors, keeps xml:lang, categories and enclosure pictures', () => {
    const [entry, summaryOnly] = parse('ok/partner-xhtml.atom');
    assertNinjsContract([entry, summaryOnly]);
    assert.equal(entry?.uri, 'tag:courrier.example.fr,2024:phare');
    assert.equal(entry?.language, 'fr');
    assert.equal(entry?.by, 'Jeanne Exemple, Paul Exemple');
    assert.equal(entry?.versioncreated, '2024-03-05T10:30:00Z');
    assert.equal(entry?.firstcreated, '2024-03-05T08:00:00Z');
    assert.deepEqual(entry?.infosources, [{ name: 'Le Courrier du port' }]);
    assert.equal(mainBodyHtml(entry!), "<p>Le phare rouvre <em>samedi</em>.</p><p>L'entrée est gratuite &amp; libre.</p>");
    assert.deepEqual(entry?.subjects, [
      { literal: 'culture', name: 'Culture' },
      { literal: 'port', name: 'port' },
    ]);
    assert.deepEqual(entry?.associations, [
      {
        name: 'featuremedia',
        uri: 'https://courrier.example.fr/img/phare.jpg',
        type: 'picture',
        renditions: [{ href: 'https://courrier.example.fr/img/phare.jpg', contenttype: 'image/jpeg', sizeinbytes: 120000 }],
      },
    ]);
  });

  it('uses a text summary as the body when there is no content, escaped and paragraphed', () => {
    const [, entry] = parse('ok/partner-xhtml.atom');
    assert.equal(entry?.language, 'br');
    assert.equal(entry?.by, 'Rédaction du Courrier');
    assert.equal(mainHeadline(entry!), 'Marées & horaires');
    assert.equal(entry?.firstcreated, undefined);
    assert.equal(entry?.descriptions, undefined);
    assert.equal(mainBodyHtml(entry!), '<p>Pleine mer à 6 h 12.</p><p>Basse mer à 12 h 30 &lt;approx.&gt;</p>');
  });

  it('reads an Atom entry document as one item', () => {
    const items = parse('ok/single-entry.atom');
    assert.equal(items.length, 1);
    assert.equal(items[0]?.uri, 'urn:uuid:5c1c8a1e-8a55-4f7e-9a8e-3f4c0e7d2b10');
    assert.equal(items[0]?.by, 'Desk');
    assert.equal(mainBodyHtml(items[0]!), '<p>The strike planned for Thursday is off.</p>');
    assert.equal(detectFormat(fixture('ok/single-entry.atom'), 'entry').name, 'atom');
  });

  it('is detected from the content, never the name', () => {
    assert.equal(detectFormat(fixture('ok/heise.atom'), 'news.rss').name, 'atom');
    assert.equal(atomFormat.detect(fixture('ok/guardian.rss'), 'feed.atom'), 0);
  });

  it('refuses an external entity (XXE) without reading it', () => {
    assert.throws(
      () => parse('bad/xxe.atom'),
      (e) => isLedeError(e, 'LEDE_INGEST_XML_ENTITY') && e.message.startsWith('bad/xxe.atom: ') && !/root:/.test(e.message),
    );
  });
});
