import assert from 'node:assert/strict';
import { copyFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runLede } from '../helpers/cli.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const wire = 'test/fixtures/wire';

/** The real `lede` binary, run from the checkout with relative paths, as a user types them. */
const lede = (args: string[], env: Record<string, string>) => runLede(args, { LEDE_DEMO: '0', ...env }, { cwd: root });

// INGEST-CONTRACT §2: ninjs 2.x properties, the `dateline` and `keywords` extensions, and
// `name` on associations (the nested objects of renditions, concepts… are checked by shape).
const itemKeys = new Set(
  (
    'uri version type pubstatus urgency language firstcreated versioncreated contentcreated embargoed expires headlines by ' +
    'slugline located dateline ednote copyrightholder copyrightnotice usageterms infosources descriptions subjects genres ' +
    'places people organisations events objects keywords bodies renditions associations'
  ).split(' '),
);
const nestedKeys: Record<string, Set<string>> = {
  headlines: new Set(['role', 'value', 'contenttype']),
  descriptions: new Set(['role', 'value', 'contenttype']),
  bodies: new Set(['role', 'value', 'contenttype']),
  infosources: new Set(['name', 'uri', 'role']),
  renditions: new Set(['name', 'href', 'contenttype', 'width', 'height', 'sizeinbytes']),
};
for (const field of ['subjects', 'genres', 'places', 'people', 'organisations', 'events', 'objects']) {
  nestedKeys[field] = new Set(['uri', 'literal', 'name', 'rel']);
}

function assertContract(value: unknown, path: string, isAssociation = false): void {
  assert.ok(value !== null && value !== '' && !(Array.isArray(value) && value.length === 0), `${path} is null, "" or []`);
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) assertContract(v, `${path}[${i}]`, isAssociation);
    return;
  }
  const item = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(item)) {
    assert.ok(itemKeys.has(key) || (isAssociation && key === 'name'), `${path}.${key} is not a ninjs 2.x property`);
    assert.ok(v !== null && v !== '' && !(Array.isArray(v) && v.length === 0), `${path}.${key} is null, "" or []`);
    if (key === 'associations') for (const [i, a] of (v as unknown[]).entries()) assertContract(a, `${path}.associations[${i}]`, true);
    else if (nestedKeys[key]) {
      for (const [i, entry] of (v as Array<Record<string, unknown>>).entries()) {
        for (const [k, x] of Object.entries(entry)) {
          assert.ok(nestedKeys[key].has(k), `${path}.${key}[${i}].${k} is not a ninjs 2.x property`);
          assert.ok(x !== null && x !== '', `${path}.${key}[${i}].${k} is null or ""`);
        }
      }
    }
  }
  if (!isAssociation) assert.ok(typeof item.uri === 'string' && ['usable', 'withheld', 'canceled'].includes(item.pubstatus as string));
}

describe('lede ingest --dry-run --json on the XML wire formats', () => {
  it('prints one JSON array of contract items in file then document order, and one line for the bad file', async (t) => {
    const dataDir = join(await createTmpDir(t), 'data');
    const files = [
      `${wire}/newsml-g2/ok/TT_newsmlg2_sample.xml`,
      `${wire}/newsml-g2/bad/billion-laughs.xml`,
      ...[
        'afp.com-20231125T073654Z-TX-PAR-EWK46.xml',
        'afp.com_newsml1.2_sample.xml',
        'businesswire-newsml-20130731006140.xml',
        'newsmlmmd.urn.newsml.afp.com.20231126.doc.344w7y2.xml',
      ].map((name) => `${wire}/newsml1/ok/${name}`),
      `${wire}/nitf/ok/NTB_nitf_sample.xml`,
      `${wire}/newsml-g2/ok/dpa-digitalwires-embargoed.xml`,
    ];
    const result = await lede(['ingest', '--dry-run', '--json', ...files], { LEDE_DATA_DIR: dataDir });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stderr,
      `${wire}/newsml-g2/bad/billion-laughs.xml: declares an XML entity at line 3; entity declarations are refused\n`,
    );
    assert.match(result.stdout, /^\[[\s\S]*\]\n?$/, 'stdout is only one JSON array');
    const items = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((i) => i.uri),
      [
        'http://tt.se/media/text/210919-janguillou-879f202b-pack',
        'http://tt.se/media/text/210919-janguillou-879f202b',
        'http://tt.se/media/image/sdlm1btzmKu8WU',
        'urn:newsml:afp.com:20231125T073654Z:TX-PAR-EWK46',
        'urn:newsml:afp.com:20210516T080625Z:TX-PAR-WGF71',
        'urn:newsml:businesswire.com:20010714:20130731006140',
        'urn:newsml:afp.com:20231126:doc-344w7y2',
        'NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00',
        'urn:newsml:dpa.com:20090101:250123-930-353124',
      ],
    );
    for (const [i, item] of items.entries()) assertContract(item, `[${i}]`);
    assert.equal(items.at(-1)?.embargoed, '2025-01-23T18:00:00Z');
    await assert.rejects(stat(dataDir), { code: 'ENOENT' }, 'a dry run creates no folder');
  });

  it('detects the format from the content of a file named like an agency delivery', async (t) => {
    const dir = await createTmpDir(t);
    const named = join(dir, 'NTB 2021,05,16 india-korona-bygd');
    await copyFile(join(root, wire, 'nitf/ok/NTB_nitf_sample.xml'), named);
    const result = await lede(['ingest', '--dry-run', '--json', named, join(root, wire, 'newsml-g2/ok/LISTING_3_Photo_in_NewsML-G2.xml')], {
      LEDE_DATA_DIR: join(dir, 'data'),
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const items = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((i) => [i.uri, i.type]),
      [
        ['NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00', 'text'],
        ['tag:gettyimages.com,2010:GYI0062134533', 'picture'],
      ],
    );
    for (const [i, item] of items.entries()) assertContract(item, `[${i}]`);
  });

  it('skips an empty packageItem without guid with a warning on stderr, and still exits 0', async (t) => {
    const dir = await createTmpDir(t);
    const file = join(dir, 'message.xml');
    await writeFile(
      file,
      '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2024-03-05T09:00:00Z</sent></header><itemSet>' +
        '<packageItem standard="NewsML-G2"><itemMeta><itemClass qcode="ninat:composite"/></itemMeta></packageItem>' +
        '<newsItem guid="urn:test:kept" version="1"><contentMeta><headline>Kept</headline></contentMeta></newsItem></itemSet></newsMessage>',
    );
    const result = await lede(['ingest', '--dry-run', '--json', file], { LEDE_DATA_DIR: join(dir, 'data') });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [
      // No time of its own: the message's `sent` stands in for it.
      {
        uri: 'urn:test:kept',
        version: '1',
        pubstatus: 'usable',
        versioncreated: '2024-03-05T09:00:00Z',
        headlines: [{ role: 'main', value: 'Kept' }],
      },
    ]);
    assert.match(result.stderr, /^.*message\.xml: skipped an empty packageItem without guid \(item 1\)\n$/);
  });

  it('gives one PATH: reason line per bad file and exit 1, with an empty array when nothing was good', async (t) => {
    const dir = await createTmpDir(t);
    const bad = [`${wire}/nitf/bad/wrong-encoding.xml`, `${wire}/newsml1/bad/unknown-status.xml`, `${wire}/newsml-g2/bad/xxe.xml`];
    const result = await lede(['ingest', '--dry-run', '--json', ...bad], { LEDE_DATA_DIR: join(dir, 'data') });
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout), []);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 3, result.stderr);
    for (const [i, line] of lines.entries()) assert.ok(line.startsWith(`${bad[i]}: `), line);
    assert.match(lines[0]!, /bytes are not valid UTF-8 at line 2/);
    assert.match(lines[1]!, /`Status\/@FormalName` "Killed" is not a known status/);
  });
});
