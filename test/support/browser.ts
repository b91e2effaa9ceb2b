import { chromium, type Browser } from 'playwright-core';

// Debian's chromium, driven by playwright-core (no browser download). Running as root in a
// container needs --no-sandbox; the rest keep it from phoning home or updating itself mid-test.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless chromium. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
