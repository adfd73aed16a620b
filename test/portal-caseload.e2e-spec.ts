import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Session } from './support/test-app';

/**
 * The case manager's caseload in the portal (issue 20): one line a child, filtered, sorted and paged by the api,
 * downloaded as CSV; with and without JavaScript, axe-clean in every state, no horizontal scroll at 320 px.
 */
describe('portal: the caseload (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const CASE_MANAGER = 'caseload.manager@portal.example.com';
  const children: { id: string; name: string; remand: boolean; missed: boolean }[] = [];

  beforeAll(async () => {
    h = await PortalHarness.start();
    const ds = h.t.dataSource;
    const [la] = await ds.query(
      `INSERT INTO organisation (code, name, type, nation, region) VALUES ('LA-CL', 'Caseload Council', 'LOCAL_AUTHORITY', 'ENGLAND', 'Test') RETURNING id`,
    );
    const [yjs] = await ds.query(
      `INSERT INTO organisation (code, name, type, local_authority_id, nation, region) VALUES ('YJS-CL', 'Caseload YJS', 'YOUTH_JUSTICE_SERVICE', $1, 'ENGLAND', 'Test') RETURNING id`,
      [la.id],
    );
    const [yoi] = await ds.query(
      `INSERT INTO organisation (code, name, type, nation, region) VALUES ('YOI-CL', 'HMYOI Caseload', 'YOI', 'ENGLAND', 'Test') RETURNING id`,
    );
    manager = await h.t.userSession({ organisationId: yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    const NAMES = ['Adams', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fisher'];
    for (let i = 0; i < 30; i++) {
      const familyName = NAMES[i % NAMES.length];
      const givenName = `Kid${String(i).padStart(2, '0')}`;
      const { registerChild: child } = await manager.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        { input: { givenName, familyName, dateOfBirth: '2010-03-03', gender: 'MALE', responsibleAuthorityId: la.id } },
      );
      const remand = i % 3 === 0;
      const { startCustodialEpisode: ep } = await manager.ok(
        `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
        {
          input: {
            childId: child.id,
            establishmentId: yoi.id,
            supervisingServiceId: yjs.id,
            ...(remand
              ? { remandDate: h.t.clock.today() }
              : { sentence: { sentenceType: 'DTO', sentenceDate: h.t.clock.today(), termMonths: 8 + (i % 10) } }),
          },
        },
      );
      children.push({ id: ep.id, name: `${givenName} ${familyName}`, remand, missed: i % 4 === 1 });
    }
    // The deadline engine's work, done by hand: a deadline missed for every fourth child.
    await ds.query(
      `UPDATE milestone m SET status = 'MISSED' FROM (SELECT DISTINCT ON (episode_id) id FROM milestone
         WHERE episode_id = ANY($1::uuid[]) ORDER BY episode_id, key) f WHERE m.id = f.id`,
      [children.filter((c) => c.missed).map((c) => c.id)],
    );
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  const rowNames = async (page: Page) =>
    (await page.locator('tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
  const noHorizontalScroll = async (page: Page) => {
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    expect(await h.accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it.each([true, false])(
    'a case manager filters, sorts, pages and downloads the CSV (JavaScript %s)',
    async (javaScriptEnabled) => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto('/caseload');
        await page.getByText('30 children').first().waitFor();
        expect(await page.locator('tbody tr').count()).toBe(25);
        // One line a child: every row is short (the old rows listed nine pathways each).
        const heights = await page
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
        expect(Math.max(...heights)).toBeLessThan(100);
        await page
          .locator('tbody tr')
          .first()
          .getByText(/of \d+ arranged/)
          .waitFor();
        // A screen reader hears each pathway and its status, not only the count.
        expect(await page.locator('tbody tr').first().locator('.govuk-visually-hidden').textContent()).toMatch(
          /^: Accommodation: (Not started|Support required|In progress|Arranged|Not required|Support declined), /,
        );
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await noHorizontalScroll(page);

        // Paging: the next page has the other 5, and "First page" goes back.
        await page.getByRole('link', { name: /Next page/ }).click();
        await page.waitForURL(/after=/);
        expect(await page.locator('tbody tr').count()).toBe(5);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByRole('link', { name: /First page/ }).click();
        await page.waitForURL((url) => !url.search.includes('after='));

        // Sorted by the child's name on the server, across pages.
        await page.getByRole('link', { name: 'Child', exact: true }).click();
        await page.waitForURL(/sort=name/);
        const byName = [...children.map((c) => c.name)].sort((a, b) => {
          const [ga, fa] = a.split(' ');
          const [gb, fb] = b.split(' ');
          return fa === fb ? ga.localeCompare(gb) : fa.localeCompare(fb);
        });
        expect(await rowNames(page)).toEqual(byName.slice(0, 25));
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByRole('link', { name: /Next page/ }).click();
        await page.waitForURL(/after=/);
        expect(await rowNames(page)).toEqual(byName.slice(25));

        // Filtered: sentenced children with a missed deadline, by next deadline.
        await page.goto('/caseload');
        await page.getByLabel('Remand or sentenced').selectOption('sentenced');
        await page.getByLabel('Sort by').selectOption('deadline');
        await page.getByLabel('Has missed deadlines').check();
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL(/missed=1/);
        const expected = children.filter((c) => !c.remand && c.missed);
        expect(expected.length).toBeGreaterThan(2);
        await page.getByText(`${expected.length} children`).first().waitFor();
        expect(new Set(await rowNames(page))).toEqual(new Set(expected.map((c) => c.name)));
        expect(
          await page
            .locator('tbody')
            .getByText(/1 missed/)
            .count(),
        ).toBe(expected.length);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await noHorizontalScroll(page);

        // The CSV has what is filtered: every matching child, and no one else.
        const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
        const csv = await (await page.request.get(href!)).text();
        const lines = csv.trim().split(/\r?\n/);
        expect(lines[0]).toContain('Child,Establishment,Release date');
        expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(expected.map((c) => c.name)));

        // Remand only: "On remand" in every row.
        await page.goto('/caseload?legal=remand');
        const remanded = children.filter((c) => c.remand);
        await page.getByText(`${remanded.length} children`).first().waitFor();
        expect(await page.locator('tbody tr', { hasText: 'On remand' }).count()).toBe(remanded.length);
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    300_000,
  );
});
