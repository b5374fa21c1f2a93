import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { isHolderGone, newHolderId } from '../../src/store/holder.js';

describe('holder ids', () => {
  const [kind, host, pid, mark, random] = newHolderId('outbox').split(':');

  it('name the kind, host and process, and differ on each call', () => {
    assert.deepEqual([kind, host, pid], ['outbox', hostname(), String(process.pid)]);
    assert.notEqual(newHolderId('outbox'), newHolderId('outbox'));
    assert.ok(mark && random);
  });

  it('tell a holder of a process of this host that is not running, or of an earlier process with this pid, as gone', () => {
    // Above Linux's largest pid_max (2^22): no process has this pid.
    const noProcess = 2 ** 22 + 1;
    assert.equal(isHolderGone(['outbox', hostname(), noProcess, mark, random].join(':')), true);
    // In a container every restart is pid 1 again: the process mark tells the two apart.
    assert.equal(isHolderGone(['outbox', hostname(), process.pid, 'earlier0', random].join(':')), true);
  });

  it('never call gone a live process, another host or an id it cannot read', () => {
    assert.equal(isHolderGone(newHolderId('scheduler')), false);
    assert.equal(isHolderGone(['outbox', hostname(), process.ppid, 'parent00', random].join(':')), false);
    assert.equal(isHolderGone(['outbox', `not-${hostname()}`, 999_999_999, mark, random].join(':')), false);
    assert.equal(isHolderGone('4242-abcdef01'), false);
    assert.equal(isHolderGone(`outbox:${hostname()}:x:${mark}:${random}`), false);
  });
});
