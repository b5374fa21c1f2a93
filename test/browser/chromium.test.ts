import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { chromiumSkipReason, launchChromium, requireChromium } from '../helpers/chromium.js';

describe('launchChromium', () => {
  it('renders a page served on localhost and runs its script', async (t) => {
    const browser = await requireChromium();
    if (browser === undefined) return t.skip(chromiumSkipReason);
    t.after(() => browser.close());
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        '<!doctype html><title>Lede</title><p id="p">wire</p><script>document.getElementById("p").textContent += " copy";</script>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;

    const page = await browser.newPage();
    const response = await page.goto(`http://127.0.0.1:${port}/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Lede');
    assert.equal(await page.locator('#p').textContent(), 'wire copy');
  });

  it('starts a fresh browser on each call', async (t) => {
    const a = await requireChromium();
    if (a === undefined) return t.skip(chromiumSkipReason);
    t.after(() => a.close());
    const b = await launchChromium();
    t.after(() => b.close());
    assert.notEqual(a, b);
    assert.match(a.version(), /^\d+\./);
  });
});
