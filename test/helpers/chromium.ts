import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { skipReason } from './skips.js';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser here. */
export const chromiumPath = '/usr/bin/chromium';

/** The reason a browser test gives when Chromium is missing: a declared skip, never in CI. */
export const chromiumSkipReason = skipReason('no-chromium', `${chromiumPath} is missing`);

// The machine has no network but the package registries: without the background-networking
// flags Chromium keeps opening connections that are refused. --no-sandbox: tests run as root.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function hasChromium(): boolean {
  try {
    accessSync(chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A headless Chromium with a fresh profile; close it in `after`/`t.after`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * Chromium when it is installed, `undefined` when it is not (the caller skips, naming the
 * reason). With CI=true a missing Chromium is an error: CI installs it (`.ci/run`).
 */
export async function requireChromium(): Promise<Browser | undefined> {
  if (hasChromium()) return launchChromium();
  if (process.env.CI === 'true') throw new Error(`CI=true, but ${chromiumPath} is missing: browser tests may not be skipped in CI`);
  return undefined;
}
