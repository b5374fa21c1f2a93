import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heightFor, parseRenditionFile, renditionPath, srcsetFor, widthsFor } from './renditions.js';

describe('renditions recipe', () => {
  it('never upscales and keeps the picture width as the widest', () => {
    assert.deepEqual(widthsFor(1600), [320, 480, 640, 960, 1280, 1600]);
    assert.deepEqual(widthsFor(4000), [320, 480, 640, 960, 1280, 1600]);
    assert.deepEqual(widthsFor(1000), [320, 480, 640, 960, 1000]);
    assert.deepEqual(widthsFor(192), [192]);
    assert.deepEqual(widthsFor(0), []);
  });

  it('keeps the aspect ratio', () => {
    assert.equal(heightFor({ width: 1600, height: 900 }, 320), 180);
  });

  it('reads back the paths it builds and nothing else', () => {
    const path = renditionPath('a b', 640, 'jpeg');
    assert.equal(path, '/media/a%20b/r1-640.jpg');
    assert.deepEqual(parseRenditionFile('r1-640.jpg'), { recipe: 'r1', width: 640, format: 'jpeg' });
    assert.deepEqual(parseRenditionFile('r1-320.avif'), { recipe: 'r1', width: 320, format: 'avif' });
    assert.equal(parseRenditionFile('r1-640.png'), undefined);
    assert.equal(parseRenditionFile('../r1-640.jpg'), undefined);
  });

  it('lists every width in a srcset', () => {
    assert.equal(srcsetFor('x', 500, 'webp'), '/media/x/r1-320.webp 320w, /media/x/r1-480.webp 480w, /media/x/r1-500.webp 500w');
  });
});
