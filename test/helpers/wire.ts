import type { Ninjs } from '../../src/core/ninjs.js';

let counter = 0;

/** A usable text item (ninjs 2.x, INGEST-CONTRACT) with a unique uri and headline; override what the test is about. */
export function wireItem(overrides: Partial<Ninjs> = {}): Ninjs {
  counter++;
  const n = `${process.pid}-${counter}`;
  return {
    uri: `urn:test:${n}`,
    version: '1',
    type: 'text',
    pubstatus: 'usable',
    language: 'en',
    versioncreated: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    headlines: [{ role: 'main', value: `Lighthouse keepers vote on strike ${n.replace('-', 'x')}` }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: '<p>The keepers of the northern lighthouses voted on Monday to stop work for two days.</p><p>Talks resume next week.</p>',
      },
    ],
    ...overrides,
  };
}

/** The kill of an item: same uri, next version, no body (INGEST-CONTRACT §5). */
export function killOf(item: Ninjs, version = String(Number(item.version ?? '1') + 1)): Ninjs {
  return {
    uri: item.uri,
    version,
    type: item.type,
    pubstatus: 'canceled',
    versioncreated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    headlines: [{ role: 'main', value: `KILL - ${item.headlines?.[0]?.value ?? ''}` }],
    // The agency that sent the story sends its kill: same provider, so the same (source, uri).
    ...(item.infosources ? { infosources: item.infosources } : {}),
    ...(item.copyrightholder ? { copyrightholder: item.copyrightholder } : {}),
  };
}
