import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, insertOrganisation, sendAccommodationReferral } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 22, "an inbox that drives action": the officer lands on what needs their action, switches tabs (each with
 * its count), searches by part of a child's name (any case, accents ignored), sees what is new to them, filters to
 * the overdue, sorts by deadline and downloads the same as CSV; offers and confirms after checking the answers. In a
 * real browser, with and without JavaScript, axe on each state and no sideways scrolling at 320 px. The api does the
 * filtering and sorting (every combination is in test/referral-inbox.e2e-spec.ts).
 */
describe('partner inbox tabs and search (browser)', () => {
  let h: PortalHarness;
  let service: Session;
  let officer: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const OFFICER = 'officer.inbox@partner.example.com';
  const OTHER_OFFICER = 'officer.inbox@elsewhere.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'IN', place: 'Northtown', establishment: 'HMYOI Inboxfield' }));
    org.otherLa = await insertOrganisation(h.t, { code: 'LA-IO', name: 'Southtown Council', type: 'LOCAL_AUTHORITY' });
    service = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'manager@inbox.example.com',
    });
    officer = await h.t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: OFFICER,
    });
    await h.t.userSession({
      organisationId: org.otherLa.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: OTHER_OFFICER,
    });
    children = new Children(
      h.t,
      service,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      {
        familyName: 'Inbox',
        bornIn: '2010-03',
        gender: 'FEMALE',
      },
    );
    // Two new referrals (needs action) and one the officer has acknowledged (in progress).
    await referralFor('Zoë', 'Ávila');
    const amir = await referralFor('Amir', 'Khan');
    // Amir's address is overdue: its deadline passed three days ago.
    await h.t.dataSource.query(
      `UPDATE milestone SET due_date = $2::date - 3 WHERE key = 'ACCOMMODATION_CONFIRMED'
          AND episode_id = (SELECT episode_id FROM referral WHERE id = $1)`,
      [amir.id, h.t.clock.today()],
    );
    const acknowledged = await referralFor('Bea', 'Long');
    await officer.ok(`mutation($input: ReferralMoveInput!) { acknowledgeReferral(input: $input) { id } }`, {
      input: { referralId: acknowledged.id, expectedVersion: acknowledged.version },
    });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  /** A sentenced child with a sent accommodation referral to Northtown Council. */
  let children: Children;
  async function referralFor(givenName: string, familyName: string): Promise<{ id: string; version: number }> {
    const { episodeId } = await children.sentenced(givenName, 12, { familyName, lookedAfter: givenName === 'Zoë' });
    return sendAccommodationReferral(service, episodeId, org.la.id);
  }

  const childLinks = async (page: Page) =>
    (await page.locator('tbody td[data-label="Child"] a').allTextContents()).map((t) => t.trim()).sort();

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`the officer lands on "Needs action", switches tabs and searches by part of a name, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      const violations: string[] = [];
      const check = async () => {
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        violations.push(...(await h.accessibilityViolations(page)));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, OFFICER);
        await page.goto('/referrals');
        const tabs = page.getByRole('navigation', { name: 'Referrals by what they need' });
        await expectText(tabs.locator('[aria-current="page"]'), 'Needs action (2)');
        await expectText(tabs, 'In progress (1)');
        await expectText(tabs, 'Confirmed (0)');
        await expectText(tabs, 'Closed (0)');
        expect(await childLinks(page)).toEqual(['Amir Khan', 'Zoë Ávila']);
        await check();

        await tabs.getByRole('link', { name: 'In progress (1)' }).click();
        await expectText(page.locator('h2'), 'In progress');
        expect(await childLinks(page)).toEqual(['Bea Long']);
        await check();

        await tabs.getByRole('link', { name: 'Closed (0)' }).click();
        await expectText(page.locator('main'), 'There are no referrals under “Closed”');
        await check();

        // Search: part of the name, no accents typed, stays on the tab it was made from.
        await tabs.getByRole('link', { name: /Needs action/ }).click();
        await page.getByLabel('Child’s name').fill('ZOE AV');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL((url) => url.searchParams.get('name') === 'ZOE AV');
        expect(new URL(page.url()).searchParams.get('tab')).toBe('needs-action');
        expect(await childLinks(page)).toEqual(['Zoë Ávila']);
        await expectText(tabs, 'Needs action (1)');
        await expectText(tabs, 'In progress (0)');
        expect(await page.getByLabel('Child’s name').inputValue()).toBe('ZOE AV');
        await check();

        // New to the officer (never opened), overdue only, by deadline: in the api, and the CSV of the same.
        await expectText(page.locator('tr', { hasText: 'Zoë Ávila' }).locator('.app-news'), 'New');
        await page.getByLabel('Child’s name').fill('');
        await page.getByLabel('Sort by').selectOption('deadline');
        await page.getByLabel('Only overdue').check();
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL((url) => url.searchParams.get('overdue') === '1');
        expect(new URL(page.url()).searchParams.get('sort')).toBe('deadline');
        expect(await childLinks(page)).toEqual(['Amir Khan']);
        await expectText(tabs, 'Needs action (1)');
        await expectText(page.locator('tr', { hasText: 'Amir Khan' }), 'Overdue');
        const csvHref = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
        const csv = await page.request.get(csvHref!);
        expect(csv.headers()['content-type']).toContain('text/csv');
        const lines = (await csv.text()).trim().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(/^Amir Khan,HMYOI Inboxfield,Accommodation,.*,Yes,New$/);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it.each([true, false])(
    'the officer offers after checking (and changing) the answers, then checks and confirms (JavaScript: %p)',
    async (javaScriptEnabled) => {
      const name = javaScriptEnabled ? 'Cai' : 'Dov';
      const referral = await referralFor(name, 'Offerton');
      const { referral: sent } = await service.ok(`query($id: ID!) { referral(id: $id) { expectedReleaseDate } }`, {
        id: referral.id,
      });
      const start = new Date(`${sent.expectedReleaseDate}T12:00:00Z`);
      await officer.ok(`mutation($input: ReferralMoveInput!) { acknowledgeReferral(input: $input) { id } }`, {
        input: { referralId: referral.id, expectedVersion: referral.version },
      });
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, OFFICER);
        await page.goto(`/referrals/${referral.id}/offer`);
        await page.getByLabel('Address').fill('3 Check Street\nNorthtown');
        await page.getByLabel('Type of placement').fill('Supported lodgings');
        await page.getByLabel('Provider').fill('Wrong Homes');
        await page.getByLabel('Day').fill(String(start.getUTCDate()));
        await page.getByLabel('Month').fill(String(start.getUTCMonth() + 1));
        await page.getByLabel('Year').fill(String(start.getUTCFullYear()));
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('h1'), 'Check your offer');
        await expectText(page.locator('#answers'), 'Wrong Homes');
        if (javaScriptEnabled) expect(await h.accessibilityViolations(page)).toEqual([]);
        // Change: back to the form as it was; nothing offered yet.
        await page.getByRole('button', { name: 'Change provider' }).click();
        expect(await page.getByLabel('Address').inputValue()).toBe('3 Check Street\nNorthtown');
        await page.getByLabel('Provider').fill('Northtown Homes');
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('#answers'), 'Northtown Homes');
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('#referral-status'), 'Offered');

        // Confirming is checked too: the offer, and what confirming does.
        await page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(page.locator('h1'), 'Check before you confirm');
        await expectText(page.locator('main'), 'pathway becomes arranged');
        await expectText(page.locator('#answers'), 'Northtown Homes');
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        if (!javaScriptEnabled) expect(await h.accessibilityViolations(page)).toEqual([]);
        const { referral: unconfirmed } = await service.ok(`query($id: ID!) { referral(id: $id) { status } }`, {
          id: referral.id,
        });
        expect(unconfirmed.status).toBe('OFFERED');
        await page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(page.locator('#referral-status'), 'Confirmed');
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('the referral page says the child’s home area, whether looked after, why the deadline is what it is; opened, no longer new', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      await h.signIn(page, OFFICER);
      await page.goto('/referrals');
      await page.getByRole('link', { name: 'Zoë Ávila' }).click();
      const child = page.locator('#child-summary');
      await expectText(child.locator('.govuk-summary-list__row', { hasText: 'Home area' }), 'Northtown Council');
      await expectText(
        child.locator('.govuk-summary-list__row', { hasText: 'Looked after' }),
        'Yes, by a local authority',
      );
      const reason = page.locator('#deadline-reason');
      await expectText(reason, 'An address must be confirmed by ');
      await expectText(reason, ': 28 days (4 weeks) before ');
      await expectText(reason, 'release');
      expect(await reason.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(await pageWidth(page)).toBeLessThanOrEqual(320);
      expect(await h.accessibilityViolations(page)).toEqual([]);

      await page.goto('/referrals');
      await page.getByRole('link', { name: 'Amir Khan' }).click();
      await expectText(page.locator('#child-summary .govuk-summary-list__row', { hasText: 'Looked after' }), 'No');
      // Opened: no longer new to this officer.
      await page.goto('/referrals');
      await page.locator('#referral-count').waitFor();
      expect(await page.locator('.app-news').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('another council’s officer sees none of them, in any tab', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, OTHER_OFFICER);
      await page.goto('/referrals');
      const tabs = page.getByRole('navigation', { name: 'Referrals by what they need' });
      await expectText(tabs, 'Needs action (0)');
      await expectText(tabs, 'In progress (0)');
      expect(await childLinks(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
