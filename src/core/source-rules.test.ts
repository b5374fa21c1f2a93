import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSectionMap, sectionFromRules } from './source-rules.js';

describe('parseSectionMap', () => {
  it('reads CODE=section pairs, codes with colons included', () => {
    assert.deepEqual(parseSectionMap('medtop:15000000=sport, dpacat:wi = business'), {
      'medtop:15000000': 'sport',
      'dpacat:wi': 'business',
    });
  });

  it('clears the map with an empty string', () => {
    assert.deepEqual(parseSectionMap(''), {});
  });

  it('names an entry that is not CODE=section', () => {
    assert.throws(() => parseSectionMap('sport'), /"sport" is not CODE=section/);
  });
});

describe('sectionFromRules', () => {
  const rules = { sections: { 'dpacat:sp': 'sport', 'http://cv.iptc.org/newscodes/mediatopic/04000000': 'business' } };

  it('maps an agency category by its literal and a media topic by its uri', () => {
    assert.equal(sectionFromRules({ subjects: [{ literal: 'dpacat:sp' }] }, rules), 'sport');
    assert.equal(
      sectionFromRules({ subjects: [{ literal: 'medtop:04000000', uri: 'http://cv.iptc.org/newscodes/mediatopic/04000000' }] }, rules),
      'business',
    );
  });

  it('follows the order of the item subjects and gives nothing without a match', () => {
    assert.equal(sectionFromRules({ subjects: [{ literal: 'x:y' }, { literal: 'dpacat:sp' }] }, rules), 'sport');
    assert.equal(sectionFromRules({ subjects: [{ literal: 'x:y' }] }, rules), undefined);
    assert.equal(sectionFromRules({ subjects: [{ literal: 'dpacat:sp' }] }, undefined), undefined);
  });
});
