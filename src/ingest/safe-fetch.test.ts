import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrivateAddress } from './safe-fetch.js';

describe('isPrivateAddress', () => {
  it('refuses loopback, private, link-local and unspecified addresses, IPv4 and IPv6, mapped ones too', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '0.0.0.0',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '0:0:0:0:0:ffff:7f00:1',
      '0000:0000:0000:0000:0000:FFFF:127.0.0.1',
      '64:ff9b::7f00:1',
      'not an address',
    ])
      assert.equal(isPrivateAddress(address), true, address);
  });

  it('lets public addresses through, mapped ones too', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '::ffff:808:808'])
      assert.equal(isPrivateAddress(address), false, address);
  });
});
