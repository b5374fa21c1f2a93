import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canPublish, hasRole, isUserRole } from './roles.js';

describe('newsroom roles', () => {
  it('lets editors and admins publish, and not writers', () => {
    assert.deepEqual((['writer', 'editor', 'admin'] as const).map(canPublish), [false, true, true]);
  });

  it('counts an admin as an editor, never an editor as an admin', () => {
    assert.ok(hasRole('admin', ['editor']));
    assert.ok(!hasRole('editor', ['admin']));
    assert.ok(!hasRole('writer', ['editor']));
    assert.ok(hasRole('writer', ['writer', 'editor']));
  });

  it('knows only the three roles', () => {
    assert.ok(isUserRole('writer'));
    assert.ok(!isUserRole('Admin'));
    assert.ok(!isUserRole(undefined));
  });
});
