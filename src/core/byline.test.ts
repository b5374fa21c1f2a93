import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByline } from './byline.js';

describe('parseByline', () => {
  it('separates the people from the agency', () => {
    assert.deepEqual(parseByline('By Rizky Pratama, ANS'), { people: ['Rizky Pratama'], organisation: 'ANS' });
    assert.deepEqual(parseByline('Jane Roe and John Doe / AFP'), { people: ['Jane Roe', 'John Doe'], organisation: 'AFP' });
    assert.deepEqual(parseByline('by Lena Brunner, Meridian Press Agency', ['Meridian Press Agency', 'MPA']), {
      people: ['Lena Brunner'],
      organisation: 'Meridian Press Agency',
    });
    assert.deepEqual(parseByline('Von Anna Schmidt, dpa'.replace('Von ', '')), { people: ['Anna Schmidt'], organisation: 'dpa' });
  });

  it('keeps a byline without an agency as people, and an empty one as nobody', () => {
    assert.deepEqual(parseByline('By Staff Reporter'), { people: ['Staff Reporter'], organisation: undefined });
    assert.deepEqual(parseByline('  '), { people: [] });
    assert.deepEqual(parseByline(undefined), { people: [] });
    assert.deepEqual(parseByline('REUTERS'), { people: [], organisation: undefined });
  });
});
