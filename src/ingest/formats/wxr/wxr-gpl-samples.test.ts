import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { missingSharedSamples, sharedSamplesDir } from '../../../../test/helpers/shared-samples.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { wxrFormat } from './index.js';

// The WordPress importer's sample exports are GPL-2.0-or-later: they are never copied into
// this repository, only read from the shared samples next to it when that folder exists.
const samples = join(sharedSamplesDir(), 'wire-samples/wxr');
const sample = (name: string) => readFileSync(join(samples, name));
const missing = missingSharedSamples('wire-samples/wxr', ['valid-wxr-1.1.xml', 'post-content-blank-lines.xml']);

describe('wxr format on the WordPress importer samples', () => {
  if (missing !== undefined) {
    it('skipped: GPL WXR samples not found', { skip: missing }, () => {});
    return;
  }

  it('reads valid-wxr-1.1.xml: a post and a page, the author display name, category and tag', () => {
    const items = wxrFormat.parse(sample('valid-wxr-1.1.xml'), { filename: 'valid-wxr-1.1.xml' });
    assertNinjsContract(items);
    assert.deepEqual(
      items.map((i) => i.uri),
      ['http://localhost/?p=1', 'http://localhost/?page_id=2'],
    );
    const [post, page] = items;
    assert.equal(mainHeadline(post!), 'Hello world!');
    assert.equal(post?.by, 'John Doe');
    assert.equal(post?.pubstatus, 'usable');
    assert.equal(post?.firstcreated, '2010-10-16T20:53:18Z');
    assert.equal(post?.versioncreated, '2010-10-16T20:53:18Z');
    assert.equal(post?.language, 'en');
    assert.deepEqual(post?.subjects, [{ literal: 'category:alpha', name: 'alpha' }]);
    assert.deepEqual(post?.keywords, ['Clippable']);
    assert.equal(post?.descriptions, undefined);
    assert.equal(mainBodyHtml(post!), '<p>Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!</p>');
    assert.equal(mainHeadline(page!), 'About');
    assert.match(mainBodyHtml(page!) ?? '', /^<p>This is an example of a WordPress page\./);
    assert.equal(detectFormat(sample('valid-wxr-1.1.xml'), 'valid-wxr-1.1.xml').name, 'wxr');
  });

  it('reads post-content-blank-lines.xml: a single newline is a <br />, a blank line a new paragraph', () => {
    const [post] = wxrFormat.parse(sample('post-content-blank-lines.xml'), { filename: 'post-content-blank-lines.xml' });
    assert.equal(
      mainBodyHtml(post!),
      '<p>This is an example of a WordPress post.<br />\nIt has lines with text (and one blank line).</p><p>And more lines with text.</p>',
    );
  });
});
