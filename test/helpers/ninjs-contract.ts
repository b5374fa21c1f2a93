import assert from 'node:assert/strict';

// INGEST-CONTRACT §2: the ninjs 2.x properties Lede writes (lower-case), its two extensions
// (`dateline`, `keywords`), and `name`, which only associations carry. `altids` holds a
// WordPress post's old address (role `permalink`, issue 11).
const itemProperties = new Set(
  (
    'uri altids version type pubstatus urgency language firstcreated versioncreated contentcreated embargoed expires headlines by ' +
    'slugline located dateline ednote copyrightholder copyrightnotice usageterms infosources descriptions subjects genres ' +
    'places people organisations events objects keywords bodies renditions associations name'
  ).split(' '),
);
const ninjsTypes = new Set(['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component']);
const utcSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const dateFields = ['firstcreated', 'versioncreated', 'contentcreated', 'embargoed', 'expires'];

function assertNoEmpty(value: unknown, path: string): void {
  assert.notEqual(value, null, `${path} is null`);
  if (typeof value === 'string') assert.notEqual(value.trim(), '', `${path} is an empty string`);
  if (Array.isArray(value)) {
    assert.ok(value.length > 0, `${path} is an empty array`);
    for (const [i, v] of value.entries()) assertNoEmpty(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) assertNoEmpty(v, `${path}.${key}`);
  }
}

function assertItem(item: Record<string, unknown>, path: string, isTop: boolean): void {
  for (const key of Object.keys(item)) {
    assert.ok(itemProperties.has(key), `${path}.${key} is not a ninjs 2.x property`);
    if (key === 'name') assert.ok(!isTop, `${path}.name belongs to associations only`);
  }
  if (isTop) {
    assert.equal(typeof item.uri, 'string', `${path}.uri is missing`);
    assert.ok(['usable', 'withheld', 'canceled'].includes(item.pubstatus as string), `${path}.pubstatus is ${item.pubstatus}`);
  }
  if (item.type !== undefined) assert.ok(ninjsTypes.has(item.type as string), `${path}.type "${item.type}" is outside the enum`);
  for (const field of dateFields) {
    if (item[field] !== undefined) assert.match(item[field] as string, utcSecond, `${path}.${field} is not RFC 3339 UTC`);
  }
  const bodies = (item.bodies ?? []) as Array<Record<string, string>>;
  const mains = bodies.filter((b) => b.role === 'main' && b.contenttype === 'text/html');
  if (bodies.length > 0) assert.equal(mains.length, 1, `${path}.bodies has ${mains.length} main text/html entries`);
  for (const b of mains)
    assert.doesNotMatch(b.value ?? '', /<(script|style|html|body|head)\b|javascript:|\son\w+=/i, `${path} body is not sanitised`);
  for (const [i, a] of ((item.associations ?? []) as Array<Record<string, unknown>>).entries()) {
    assert.equal(typeof a.name, 'string', `${path}.associations[${i}] has no name`);
    assertItem(a, `${path}.associations[${i}]`, false);
  }
}

/**
 * The shape INGEST-CONTRACT.md promises for every parser's output: ninjs 2.x properties only
 * (plus `dateline`, `keywords`), never null/""/[], times in UTC with Z, one sanitised main body.
 */
export function assertNinjsContract(items: unknown[]): void {
  assert.ok(Array.isArray(items), 'items is not an array');
  for (const [i, item] of items.entries()) {
    assertNoEmpty(item, `[${i}]`);
    assertItem(item as Record<string, unknown>, `[${i}]`, true);
  }
}
