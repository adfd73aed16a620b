import Redis from 'ioredis';
import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, sendAccommodationReferral } from './support/portal-world';
import { Session, TestApp } from './support/test-app';

/**
 * Issue 22, "a portal fit for shared computers and for the law", in a real browser against the real portal, api,
 * PostgreSQL and Redis: nothing cached after signing out, the timeout warning, answers kept when the session ended
 * under a form, the information pages, no horizontal scrolling at 320 px, and an action already taken elsewhere
 * shown as the referral as it is now.
 */
describe('partner portal for shared computers (browser)', () => {
  let h: PortalHarness;
  let redis: Redis;
  let service: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const OFFICER = 'officer.shared@partner.example.com';
  const COLLEAGUE = 'colleague.shared@partner.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    Object.assign(org, await insertArea(h.t, { code: 'SH', place: 'Easttown', establishment: 'HMYOI Testfield' }));
    service = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'manager@partner.example.com',
    });
    await h.t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: OFFICER,
      givenName: 'Priya',
      familyName: 'Shah',
    });
    await h.t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: COLLEAGUE,
      givenName: 'Dan',
      familyName: 'Cole',
    });
  }, 120_000);
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  }, 120_000);

  /** A sentenced child with a sent accommodation referral to Easttown Council. */
  async function referralFor(givenName: string): Promise<string> {
    const children = (world ??= new Children(
      h.t,
      service,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      {
        familyName: 'Sample',
        bornIn: '2010-03',
      },
    ));
    const { episodeId } = await children.sentenced(givenName);
    return (await sendAccommodationReferral(service, episodeId, org.la.id, { childWishes: 'Near his gran' })).id;
  }
  let world: Children | undefined;

  async function tokensKey(page: Page): Promise<string> {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'resettle.sid')!;
    return `${h.queuePrefix}:portal:tokens:${decodeURIComponent(cookie.value).split('.')[0]}`;
  }

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`signed-in pages are not kept by the browser: after signing out, Back does not show the referral, ${run}`, async () => {
      const referralId = await referralFor(javaScriptEnabled ? 'Alfie' : 'Bilal');
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, OFFICER);
        const response = await page.goto(`/referrals/${referralId}`);
        expect(response?.headers()['cache-control']).toBe('no-store');
        await expectText(page.locator('h1'), 'Sample');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await expectText(page.locator('main'), 'You have signed out');
        await page.goBack();
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        expect(await page.locator('body').textContent()).not.toContain('Near his gran');
        // The static assets alone may be kept.
        const css = await page.request.get('/assets/portal/portal.css');
        expect(css.headers()['cache-control']).not.toContain('no-store');
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`the footer's accessibility statement, privacy notice and cookies page, the phase banner, and no page wider than 320 px, ${run}`, async () => {
      // Nine pages checked by axe, each (without JavaScript) in a page of its own: slow on a busy machine.
      const referralId = await referralFor(javaScriptEnabled ? 'Cody' : 'Dev');
      const { context, page } = await h.person({ javaScriptEnabled });
      const violations: string[] = [];
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await page.goto('/sign-in');
        await expectText(page.locator('.govuk-phase-banner'), 'Beta');
        for (const [link, heading] of [
          ['Accessibility statement', 'Accessibility statement for Resettle'],
          ['Privacy', 'Privacy notice'],
          ['Cookies', 'Cookies'],
          ['Feedback', 'Give feedback on Resettle'],
        ]) {
          await page.locator('footer').getByRole('link', { name: link, exact: true }).click();
          await expectText(page.locator('h1'), heading);
          expect(await pageWidth(page)).toBeLessThanOrEqual(320);
          violations.push(...(await h.accessibilityViolations(page)));
        }
        await page.getByRole('link', { name: 'Give your feedback' }).click();
        await expectText(page.locator('h1'), 'Give feedback on Resettle');

        await h.signIn(page, OFFICER);
        for (const path of [
          '/referrals',
          `/referrals/${referralId}`,
          `/referrals/${referralId}/offer`,
          '/notifications',
          '/account',
        ]) {
          await page.goto(path);
          const width = await pageWidth(page);
          expect({ path, tooWide: width > 320 ? width : null }).toEqual({ path, tooWide: null });
          violations.push(...(await h.accessibilityViolations(page)));
        }
        // The inbox stacks: each cell says its column.
        await page.goto('/referrals');
        await expectText(page.locator('tbody td[data-label="Status"]'), 'New');
        await expectText(page.locator('#session-note'), 'we sign you out after 2 hours without activity');
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }, 400_000);

    it(`an action already taken in another tab shows the referral as it is now, not "Page not found", ${run}`, async () => {
      const referralId = await referralFor(javaScriptEnabled ? 'Eli' : 'Femi');
      const { referral } = await service.ok(`query($id: ID!) { referral(id: $id) { version } }`, { id: referralId });
      const officer = await h.t.userSession({ organisationId: org.la.id, roles: [Role.LA_ACCOMMODATION_OFFICER] });
      let version = referral.version;
      const move = async (mutation: string, input: Record<string, unknown>) => {
        const data = await officer.ok(
          `mutation($input: ${input.offer ? 'OfferReferralInput' : 'ReferralMoveInput'}!) { ${mutation}(input: $input) { version } }`,
          {
            input: { referralId, expectedVersion: version, ...input },
          },
        );
        version = data[mutation].version;
      };
      await move('acknowledgeReferral', {});
      const start = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
      await move('offerReferral', {
        offer: {
          addressOrPlace: '1 High Street',
          placementType: 'Supported lodgings',
          provider: 'Easttown Homes',
          startDate: start,
        },
      });
      await move('confirmReferral', {});

      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, OFFICER);
        const second = await context.newPage();
        for (const tab of [page, second]) {
          await tab.goto(`/referrals/${referralId}/fell-through`);
          await tab.getByLabel('Reason').fill('The landlord sold the house');
        }
        await page.getByRole('button', { name: 'Report the placement fell through' }).click();
        await expectText(page.locator('#referral-status'), 'Fell through');
        await second.getByRole('button', { name: 'Report the placement fell through' }).click();
        await expectText(second.locator('.govuk-error-summary'), 'is now “Fell through”');
        expect(await second.title()).toMatch(/^Error: /);
        await expectText(second.locator('h1'), 'Sample');
        // The page of an action no longer open says the same, not "Page not found".
        const stale = await second.goto(`/referrals/${referralId}/fell-through`);
        expect(stale?.status()).toBe(409);
        await expectText(second.locator('.govuk-error-summary'), 'report the placement fell through now');
        expect(await h.accessibilityViolations(second)).toEqual([]);

        // An empty message: the error summary at the top, "Error:" in the title, the same address.
        await page.goto(`/referrals/${referralId}`);
        await page.getByRole('button', { name: 'Send message' }).click();
        expect(new URL(page.url()).pathname).toBe(`/referrals/${referralId}`);
        expect(await page.title()).toMatch(/^Error: /);
        await expectText(page.locator('.govuk-error-summary'), 'Enter a message');
        // At the top: above the heading, not down by the form.
        expect((await page.locator('.govuk-error-summary').boundingBox())!.y).toBeLessThan(
          (await page.locator('h1').boundingBox())!.y,
        );
        expect(await page.locator('.govuk-error-summary').count()).toBe(1);
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`an offer posted after the session ended is not lost: signed in again, the officer is back at the form with it, ${run}`, async () => {
      const referralId = await referralFor(javaScriptEnabled ? 'Gus' : 'Hari');
      const { context, page } = await h.person({ javaScriptEnabled });
      const colleague = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, OFFICER);
        await page.goto(`/referrals/${referralId}`);
        await page.getByRole('button', { name: 'Acknowledge referral' }).click();
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await page.getByLabel('Address').fill('7 Mill Lane\nEasttown\nET1 2AB');
        await page.getByLabel('Type of placement').fill('Supported lodgings');
        await page.getByLabel('Provider').fill('Easttown Homes');
        // The day of release, as usual (a start far from it would be warned of first).
        const { referral: sent } = await service.ok(`query($id: ID!) { referral(id: $id) { expectedReleaseDate } }`, {
          id: referralId,
        });
        const start = new Date(`${sent.expectedReleaseDate}T12:00:00Z`);
        await page.getByLabel('Day').fill(String(start.getUTCDate()));
        await page.getByLabel('Month').fill(String(start.getUTCMonth() + 1));
        await page.getByLabel('Year').fill(String(start.getUTCFullYear()));
        // Idle past the timeout while typing: the tokens are gone.
        await redis.del(await tokensKey(page));
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        await expectText(
          page.locator('.govuk-notification-banner'),
          'you will go back to the form with what you typed',
        );
        expect(await h.accessibilityViolations(page)).toEqual([]);
        // Nothing was sent.
        const { referral } = await service.ok(`query($id: ID!) { referral(id: $id) { status } }`, { id: referralId });
        expect(referral.status).toBe('ACKNOWLEDGED');

        // Someone else signing in on the same computer meanwhile gets nothing of it.
        await h.signIn(colleague.page, COLLEAGUE);
        await colleague.page.goto(`/referrals/${referralId}/offer`);
        expect(await colleague.page.getByLabel('Provider').inputValue()).toBe('');

        await page.getByLabel('Email address').fill(OFFICER);
        await page.getByLabel('Password').fill(TestApp.TEST_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === `/referrals/${referralId}/offer`);
        await expectText(page.locator('main'), 'What you typed is below');
        expect(await page.getByLabel('Address').inputValue()).toBe('7 Mill Lane\nEasttown\nET1 2AB');
        expect(await page.getByLabel('Provider').inputValue()).toBe('Easttown Homes');
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('h1'), 'Check your offer');
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('#referral-status'), 'Offered');
        // Taken once: the form is empty again.
        await page.goto(`/referrals/${referralId}`);
        expect(await page.locator('main').textContent()).toContain('Easttown Homes');
      } finally {
        await Promise.all([context.close(), colleague.context.close()]);
      }
    }, 180_000);
  }

  it('the timeout warning comes before the idle timeout: staying signed in renews it; at the end the person is signed out and told why', async () => {
    const referralId = await referralFor('Ivo');
    const { context, page } = await h.person({ javaScriptEnabled: true });
    try {
      await page.clock.install();
      await h.signIn(page, OFFICER);
      await page.goto(`/referrals/${referralId}`);
      const key = await tokensKey(page);
      // Four minutes left on the server; the page's timer reaches the warning.
      await redis.expire(key, 240);
      await page.clock.fastForward('01:55:00');
      const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
      await dialog.waitFor();
      await expectText(dialog, 'we will sign you out in 4 minutes');
      expect(await h.accessibilityViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Stay signed in' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await redis.ttl(key)).toBeGreaterThan(119 * 60);

      // Then nothing: the session ends on the server, and the page follows.
      await redis.del(key);
      await page.clock.fastForward('02:00:00');
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await expectText(
        page.locator('.govuk-notification-banner'),
        'You were signed out because you did nothing for 2 hours',
      );
      expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`/referrals/${referralId}`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the api refuses an offer starting in the past (BAD_USER_INPUT naming the field), on its own clock, and writes nothing', async () => {
    const referralId = await referralFor('Jago');
    const officer = await h.t.userSession({ organisationId: org.la.id, roles: [Role.LA_ACCOMMODATION_OFFICER] });
    const { acknowledgeReferral } = await officer.ok(
      `mutation($input: ReferralMoveInput!) { acknowledgeReferral(input: $input) { version } }`,
      {
        input: {
          referralId,
          expectedVersion: (await service.ok(`query($id: ID!) { referral(id: $id) { version } }`, { id: referralId }))
            .referral.version,
        },
      },
    );
    const offer = (startDate: string) =>
      officer.graphql(
        `mutation($input: OfferReferralInput!) { offerReferral(input: $input) { status offerStartDate } }`,
        {
          input: {
            referralId,
            expectedVersion: acknowledgeReferral.version,
            offer: { addressOrPlace: '2 Low Road', placementType: 'Foster care', provider: 'Easttown', startDate },
          },
        },
      );
    const yesterday = new Date(h.t.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    for (const past of ['2020-01-01', yesterday]) {
      const refused = await offer(past);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { 'offer.startDate': ['The start date must be today or in the future'] },
      });
    }
    const { referral } = await service.ok(`query($id: ID!) { referral(id: $id) { status offerStartDate } }`, {
      id: referralId,
    });
    expect(referral).toEqual({ status: 'ACKNOWLEDGED', offerStartDate: null });
    const today = h.t.clock.today();
    expect((await offer(today)).data).toEqual({ offerReferral: { status: 'OFFERED', offerStartDate: today } });
  }, 120_000);

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`the officer cannot offer an impossible start, is warned of one far from release, and sees how late a deadline is, ${run}`, async () => {
      const referralId = await referralFor(javaScriptEnabled ? 'Kit' : 'Lev');
      const { context, page } = await h.person({ javaScriptEnabled });
      const fillDate = async (date: Date) => {
        await page.getByLabel('Day').fill(String(date.getUTCDate()));
        await page.getByLabel('Month').fill(String(date.getUTCMonth() + 1));
        await page.getByLabel('Year').fill(String(date.getUTCFullYear()));
      };
      try {
        await h.signIn(page, OFFICER);
        await page.goto(`/referrals/${referralId}`);
        // Why the deadline is what it is, and how far away.
        await expectText(page.locator('#deadline-reason'), 'An address must be confirmed by ');
        await expectText(page.locator('#deadline-reason'), ': 28 days (4 weeks) before ');
        await expectText(page.locator('#deadline-distance'), 'due in');
        await page.getByRole('button', { name: 'Acknowledge referral' }).click();
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await page.getByLabel('Address').fill('9 Canal Row\nEasttown\nET3 4CD');
        await page.getByLabel('Type of placement').fill('Supported lodgings');
        await page.getByLabel('Provider').fill('Easttown Homes');
        // 1 January 2020, as it was accepted before: refused by the api, shown against the date.
        await fillDate(new Date('2020-01-01T12:00:00Z'));
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'The start date must be today or in the future');
        expect(await page.title()).toMatch(/^Error: /);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        // A start a year on: possible, but said first, and offered when sent again.
        await fillDate(new Date(Date.now() + 400 * 86_400_000));
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('#start-date-warning'), 'after the expected release on');
        expect(await h.accessibilityViolations(page)).toEqual([]);
        const { referral: before } = await service.ok(`query($id: ID!) { referral(id: $id) { status } }`, {
          id: referralId,
        });
        expect(before.status).toBe('ACKNOWLEDGED');
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('h1'), 'Check your offer');
        await page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(page.locator('#referral-status'), 'Offered');
        // The address as typed, line by line; no ISO date anywhere.
        const address = page.locator('.govuk-summary-list__value .app-pre-line').first();
        expect(await address.innerText()).toBe('9 Canal Row\nEasttown\nET3 4CD');
        expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        await page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(page.locator('h1'), 'Check before you confirm');
        await page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(page.locator('#referral-status'), 'Confirmed');

        // It falls through: urgent, not closed, with how late the deadline now is once it has passed.
        await page.getByRole('button', { name: 'Report the placement fell through' }).click();
        await page.getByLabel('Reason').fill('The provider closed the lodgings');
        await page.getByRole('button', { name: 'Report the placement fell through' }).click();
        await expectText(page.locator('#referral-status'), 'Urgent');
        expect(await page.locator('#referral-status').innerText()).not.toContain('Closed');
        await page.goto('/referrals');
        const row = page.locator('tr', { hasText: javaScriptEnabled ? 'Kit Sample' : 'Lev Sample' });
        await expectText(row, 'Urgent');
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it('sign-in with an empty email says "Enter your email address"', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectText(page.locator('.govuk-error-summary'), 'Enter your email address');
      expect(await page.locator('.govuk-error-summary').textContent()).not.toContain('correct format');
      expect(await page.title()).toMatch(/^Error: /);
    } finally {
      await context.close();
    }
  }, 120_000);
});

/** How wide the page is drawn: wider than the window means scrolling sideways. */
