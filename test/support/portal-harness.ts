import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import axe from 'axe-core';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { closeAll } from './close-all';
import { TestApp } from './test-app';

/** Debian's Chromium (DEVELOPERS.md): never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The whole service as a browser sees it: the real api listening on a port (its own database, the machine's
 * Redis), the real portal talking to it over HTTP, and headless Chromium. One per test file.
 */
export class PortalHarness {
  private constructor(
    readonly t: TestApp,
    readonly portal: NestFastifyApplication,
    readonly baseUrl: string,
    readonly browser: Browser,
    readonly queuePrefix: string,
  ) {}

  static async start(): Promise<PortalHarness> {
    // The api's clock stands at the real time: the portal renews tokens by the wall clock.
    const t = await TestApp.start({ now: new Date().toISOString() });
    let portal: NestFastifyApplication | undefined;
    try {
      await t.app.listen(0, '127.0.0.1');
      const apiPort = (t.app.getHttpServer().address() as AddressInfo).port;
      const queuePrefix = process.env.QUEUE_PREFIX!;
      const { createPortalApp } =
        require('../../apps/portal/src/create-portal-app') as typeof import('../../apps/portal/src/create-portal-app');
      portal = await createPortalApp({
        ...process.env,
        NODE_ENV: 'test',
        API_URL: `http://127.0.0.1:${apiPort}/graphql`,
        QUEUE_PREFIX: queuePrefix,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      });
      await portal.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(portal.getHttpServer().address() as AddressInfo).port}`;
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-background-networking'],
      });
      return new PortalHarness(t, portal, baseUrl, browser, queuePrefix);
    } catch (error) {
      // Half started (say Chromium would not launch): close what did start, or its sockets keep jest from exiting.
      await portal?.close().catch(() => undefined);
      await t.stop().catch(() => undefined);
      throw error;
    }
  }

  /** A browser profile of its own (cookies, JavaScript on or off), so each person's session is separate. */
  async person(options: { javaScriptEnabled: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled,
      baseURL: this.baseUrl,
    });
    // A missing element fails the step in seconds, not after Playwright's 30 s default.
    context.setDefaultTimeout(8000);
    return { context, page: await context.newPage() };
  }

  async signIn(page: Page, email: string, password = TestApp.TEST_PASSWORD): Promise<void> {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  /** Closes everything, each part even if closing an earlier one failed. */
  async stop(): Promise<void> {
    await closeAll([() => this.browser.close(), () => this.portal.close(), () => this.t.stop()]);
  }

  /**
   * WCAG 2.2 A and AA, as axe-core checks the page as it is now. axe runs as a script in the page, so a page
   * without JavaScript is checked as its HTML loaded into a page of the same origin that runs scripts (with the
   * same styles, so colour contrast is judged as shown).
   *
   * axe-core is run straight in the page rather than through @axe-core/playwright: that wrapper opens a fresh page
   * for every check to assemble results across frames, which cost about half a second a check and most of the
   * browser tests' time. The portal has no frames, so one run in the page is the whole check.
   */
  async accessibilityViolations(page: Page): Promise<string[]> {
    let target = page;
    if (!(await scriptsRun(page))) {
      target = await this.checkerPage();
      await target.setContent(await page.content(), { waitUntil: 'load' });
    }
    await target.evaluate(AXE_SOURCE);
    const violations = await target.evaluate(
      async (tags) =>
        // This function runs in the page, where axe and the document are globals.
        (
          await (globalThis as unknown as { axe: typeof axe }).axe.run((globalThis as any).document, {
            runOnly: { type: 'tag', values: tags },
            // Passes and incomplete checks are not reported, so axe need not describe them.
            resultTypes: ['violations'],
          })
        ).violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        })),
      WCAG_22_AA,
    );
    return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')} on ${page.url()}`);
  }

  /** One page, on the portal's origin with scripts on, where pages seen without JavaScript are checked. */
  private checker?: Promise<Page>;
  private checkerPage(): Promise<Page> {
    this.checker ??= (async () => {
      const context = await this.browser.newContext({ baseURL: this.baseUrl, javaScriptEnabled: true });
      const checker = await context.newPage();
      await checker.goto('/health');
      return checker;
    })();
    return this.checker;
  }
}

/** The rules WCAG 2.2 A and AA ask for, as axe-core tags them. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** axe-core itself, put into each page it checks. */
const AXE_SOURCE = axe.source;

/** Whether the page's own scripts run (its context has JavaScript on): GOV.UK marks the body when they do. */
async function scriptsRun(page: Page): Promise<boolean> {
  return (await page.locator('body.js-enabled').count()) > 0;
}
