import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { addDays } from '@resettle/common';
import { insertDirectory } from './support/fixtures';
import { pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Session } from './support/test-app';

/**
 * Deadlines at risk (`/deadlines`, issue 20) in Chromium, with and without JavaScript: a youth justice manager opens
 * it from the navigation, sees the service's missed and soon-due deadlines grouped by case manager, filters by case
 * manager and status (a GET form), pages, downloads the CSV of what is filtered, follows a child to their deadlines
 * and waives one through the check step (changing the reason once). Another area's manager is told nothing is at
 * risk. axe on the list and the empty state; no horizontal scroll at 320 px. The filters' every combination is in
 * the api's e2e tests (`milestones-at-risk.e2e-spec.ts`) and the page's choices in `at-risk-view.spec.ts`.
 */
describe('portal: deadlines at risk (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  let dir: Awaited<ReturnType<typeof insertDirectory>>;
  const EMAIL = { manager: 'at-risk.manager@portal.example.com', kent: 'at-risk.kent@portal.example.com' };
  const AT_RISK = `query($filter: MilestonesAtRiskFilter) { milestonesAtRisk(filter: $filter, first: 100) {
    totalCount edges { node { id status episode { child { givenName familyName } } } } } }`;
  const atRisk = async (filter: Record<string, unknown> = {}) =>
    (await manager.ok(AT_RISK, { filter })).milestonesAtRisk;

  /** A child sentenced 35 days ago to 4 months: their first deadlines past, the release ones close. */
  const child = async (givenName: string, caseManagerId: string, day: number) => {
    const { registerChild } = await manager.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName,
          familyName: 'Atrisk',
          dateOfBirth: `2010-06-${String(day).padStart(2, '0')}`,
          gender: 'FEMALE',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
        },
      },
    );
    const { startCustodialEpisode } = await manager.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
      {
        input: {
          childId: registerChild.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.leedsYjs.id,
          caseManagerId,
          sentence: { sentenceType: 'DTO', sentenceDate: addDays(h.t.clock.today(), -35), termMonths: 4 },
        },
      },
    );
    return startCustodialEpisode.id as string;
  };

  beforeAll(async () => {
    h = await PortalHarness.start();
    dir = await insertDirectory(h.t.dataSource);
    manager = await h.t.userSession({
      organisationId: dir.leedsYjs.id,
      roles: [Role.YJS_MANAGER],
      email: EMAIL.manager,
    });
    await h.t.userSession({ organisationId: dir.kentYjs.id, roles: [Role.YJS_MANAGER], email: EMAIL.kent });
    const episodes = [
      await child('Ada', dir.leedsCaseManager.id, 1),
      await child('Bea', dir.leedsCaseManager.id, 2),
      await child('Cal', dir.leedsCaseManager2.id, 3),
      await child('Dee', dir.leedsCaseManager2.id, 4),
    ];
    // The engine marks missed ones; here, by hand: each child's initial planning meeting.
    await h.t.dataSource.query(
      `UPDATE milestone SET status = 'MISSED' WHERE episode_id = ANY($1::uuid[]) AND key = 'INITIAL_PLANNING_MEETING'`,
      [episodes],
    );
  }, 120_000);

  afterAll(async () => h?.stop());

  const rows = (page: Page) => page.locator('#deadlines tbody tr');
  const column = async (page: Page, label: string) =>
    (await page.locator(`#deadlines td[data-label="${label}"]`).allInnerTexts()).map((t) =>
      // Without the link's visually hidden ": deadlines".
      t.replace(/\s*: deadlines\s*$/, '').trim(),
    );
  /** No horizontal scroll at 320 px (the tables stack). */
  const fitsAt320 = async (page: Page) => {
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it.each([true, false])(
    'a manager filters by case manager and status, pages, downloads, and waives from a child’s page (JavaScript %s)',
    async (javaScriptEnabled) => {
      const all = await atRisk();
      const missedPriya = await atRisk({ onlyMissed: true, caseManagerId: dir.leedsCaseManager.id });
      expect(all.totalCount).toBeGreaterThan(25);
      // Each run waives one of Priya's missed ones.
      const n = missedPriya.totalCount;
      expect(n).toBeGreaterThan(0);
      const deadlines = (k: number) => (k === 1 ? '1 deadline' : `${k} deadlines`);
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        await h.signIn(page, EMAIL.manager);
        await page.locator('.govuk-service-navigation a[href="/deadlines"]').click();
        await page.getByRole('heading', { name: `${all.totalCount} deadlines` }).waitFor();
        expect(await rows(page).count()).toBe(25);
        // Missed first; each line in words; by case manager with their counts.
        expect((await column(page, 'Status'))[0]).toBe('Missed');
        expect((await column(page, 'Due'))[0]).toMatch(/\d+ days overdue$/);
        expect((await column(page, 'Deadline'))[0]).toBe('Initial planning meeting held');
        expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}|[A-Z]+_[A-Z_]+/);
        const byCm = page.getByRole('table', { name: 'By case manager' });
        const perCm = (await byCm.locator('tbody tr').allInnerTexts()).map((t) =>
          t.replace(': show only their deadlines', '').replace(/\s+/g, ' ').trim(),
        );
        expect(perCm).toEqual([
          expect.stringMatching(new RegExp(`^Priya Tester \\d+ ${n}$`)),
          expect.stringMatching(/^Sam Tester \d+ 2$/),
        ]);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await fitsAt320(page);

        // Paging: the rest on the next page, and back.
        await page.getByRole('link', { name: /Next page/ }).click();
        await page.waitForURL(/after=/);
        expect(await rows(page).count()).toBe(all.totalCount - 25);
        expect(await page.getByRole('link', { name: /First page/ }).getAttribute('href')).toBe('/deadlines');

        // Filters, a plain GET form: Priya's missed ones.
        await page.getByLabel('Case manager', { exact: true }).selectOption({ label: 'Priya Tester' });
        await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Missed' });
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL(/status=missed/);
        await page.getByRole('heading', { name: deadlines(n), exact: true }).waitFor();
        expect(await column(page, 'Case manager')).toEqual(Array(n).fill('Priya Tester'));
        expect(await column(page, 'Status')).toEqual(Array(n).fill('Missed'));
        const names = missedPriya.edges.map((e: any) => `${e.node.episode.child.givenName} Atrisk`);
        expect((await column(page, 'Child')).sort()).toEqual(names.sort());
        await fitsAt320(page);

        // The CSV has what is filtered, and only that.
        const href = await page.getByRole('link', { name: /as CSV/ }).getAttribute('href');
        const response = await page.request.get(href!);
        expect(response.headers()['content-type']).toContain('text/csv');
        const lines = (await response.text()).trim().split(/\r?\n/);
        expect(lines[0]).toBe('Child,Deadline,Due,Overdue or left,Case manager,Status');
        expect(lines.slice(1).map((l) => l.split(',').slice(-2).join(','))).toEqual(
          Array(n).fill('Priya Tester,Missed'),
        );
        expect(
          lines
            .slice(1)
            .map((l) => l.split(',')[0])
            .sort(),
        ).toEqual(names.sort());

        // The child's deadlines page, and a waive through its check step.
        await page.locator('#deadlines td[data-label="Child"] a').first().click();
        await page.waitForURL(/\/episodes\/[0-9a-f-]+\/milestones$/);
        const card = page.locator('.govuk-summary-card', { hasText: 'Initial planning meeting held' });
        await card.getByLabel(/Reason for waiving/).fill('Held by the court instead.');
        await card.getByRole('button', { name: /Waive/ }).click();
        await page.getByRole('heading', { name: 'Check before you waive this deadline' }).waitFor();
        expect(await page.locator('#waive-summary').innerText()).toMatch(
          /^You are waiving initial planning meeting held for (Ada|Bea) Atrisk\.$/,
        );
        // (axe on the check step: portal-deadlines.e2e-spec.ts.)
        await page.getByRole('button', { name: 'Change the reason' }).click();
        await expect(card.getByLabel(/Reason for waiving/).inputValue()).resolves.toBe('Held by the court instead.');
        await card.getByLabel(/Reason for waiving/).fill('The planning meeting was held by the court instead.');
        await card.getByRole('button', { name: /Waive/ }).click();
        expect(await page.locator('#waive-answers').innerText()).toContain(
          'The planning meeting was held by the court instead.',
        );
        await page.getByRole('button', { name: 'Confirm and waive' }).click();
        await page.locator('.govuk-notification-banner', { hasText: 'Deadline waived' }).waitFor();

        // Back on the list, it is gone.
        await page.goto(`/deadlines?status=missed&cm=${dir.leedsCaseManager.id}`);
        await page.getByRole('heading', { name: deadlines(n - 1), exact: true }).waitFor();
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('another area’s manager is told nothing is at risk', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, EMAIL.kent);
      await page.goto('/deadlines');
      expect(await page.locator('#nothing-at-risk').innerText()).toBe(
        'Nothing is at risk: no deadline has been missed, and none is due in the next 14 days.',
      );
      expect(await page.locator('table').count()).toBe(0);
      expect(await h.accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
