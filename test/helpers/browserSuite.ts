import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './testServer.js';

/** A browser test file's fixtures: the real server serving the built client, and Chromium. */
export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
}

/** Starts both before the file's tests and stops them after; read them from the returned object. */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startTestServer({ serveClient: true });
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
