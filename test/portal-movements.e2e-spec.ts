import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21, the establishment's movements: staff of the establishment holding a child record a transfer out (with
 * the reason) and the release, each through a check step; a release far from the expected day asks for the reason and
 * shows the release-day plan it departs from. In Chromium against the real portal, api, PostgreSQL and Redis, with
 * and without JavaScript, axe on each page, 320 px wide. The fine-grained rules are api tests
 * (test/custody-movements.e2e-spec.ts) and unit tests of the pure rules.
 */
describe('the establishment records transfers and releases (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  let children: Children;
  const org: Record<string, { id: string; name: string }> = {};
  let elsewhere: { id: string; name: string };
  const STAFF = 'officer@movements-yoi.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'MV', place: 'Moorbridge', establishment: 'HMYOI Moorfield' }));
    elsewhere = (await insertArea(h.t, { code: 'MW', place: 'Westmoor', establishment: 'Westmoor STC' })).yoi;
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yoi.id, roles: [Role.ESTABLISHMENT_STAFF], email: STAFF });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Movements', bornIn: '2010-03', gender: 'MALE' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const episodeOf = async (id: string) =>
    (
      await manager.ok(
        `query($id: ID!) { custodialEpisode(id: $id) { status currentEstablishment { id } history { type summary } } }`,
        { id },
      )
    ).custodialEpisode;

  it.each([true, false])(
    'records a transfer and a release far from the expected day (JavaScript: %s)',
    async (js) => {
      const moving = (await children.sentenced(js ? 'Mo' : 'Max')).episodeId;
      const leaving = (await children.sentenced(js ? 'Lee' : 'Len')).episodeId;
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        expect(await pageWidth(page)).toBe(320);
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const today = h.t.clock.today();
      const fillDate = async (legend: string, day: string) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
        await group.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
        await group.getByLabel('Year').fill(day.slice(0, 4));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, STAFF);

        // ---------------------------------------------------------------- arrivals: received today on remand
        await page.goto('/arrivals');
        await expectText(page.locator('h1'), 'Arrivals');
        // The service navigation leads there, marked as where they are.
        expect(await page.locator('.govuk-service-navigation a[href="/arrivals"]').getAttribute('aria-current')).toBe(
          'true',
        );
        await expectText(page.locator('#arrivals'), `${js ? 'Mo' : 'Max'} Movements`);
        await expectText(page.locator('#arrivals'), 'On remand');
        await expectText(page.locator('#arrivals'), org.yjs.name);
        await look();

        // ---------------------------------------------------------------- a transfer out, with the reason
        await page.goto(`/plans/${moving}`);
        await page.getByRole('link', { name: 'Record a transfer to another establishment' }).click();
        await expectText(page.locator('h1'), 'Record a transfer to another establishment');
        await look();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select the establishment the child is moving to');
        await expectText(page.locator('.govuk-error-summary'), 'Enter the reason for the transfer');
        expect(await page.title()).toMatch(/^Error: /);
        await look();
        await page.getByLabel('Which establishment is the child moving to?').selectOption({ label: elsewhere.name });
        await fillDate('Day of the transfer', today);
        await page.getByLabel('Reason for the transfer').fill('Nearer home for family contact');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check your answers');
        await expectText(page.locator('#answers'), elsewhere.name);
        await look();
        expect((await episodeOf(moving)).currentEstablishment.id).toBe(org.yoi.id);
        await page.getByRole('button', { name: 'Record the transfer' }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${moving}`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'The transfer is recorded');
        expect((await episodeOf(moving)).currentEstablishment.id).toBe(elsewhere.id);

        // ---------------------------------------------------------------- a release months before the expected day
        await page.goto(`/plans/${leaving}`);
        await page.getByRole('link', { name: 'Record the release' }).click();
        await expectText(page.locator('h1'), 'Record the release');
        await expectText(page.locator('#release-day-plan'), 'Expected release day');
        await look();
        await fillDate('Day the child left custody', today);
        await page.getByLabel('Time the child left').fill('00:05');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'say why the release was on another day');
        expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#reasonForDifferentDay');
        await look();
        await page
          .getByLabel('Why the child left on another day than expected (if they did)')
          .fill('Released by the Court of Appeal');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check your answers');
        await expectText(page.locator('#departure'), 'before the expected release day');
        await expectText(page.locator('#release-day-plan'), 'Expected release day');
        await look();
        expect((await episodeOf(leaving)).status).toBe('SENTENCED');
        await page.getByRole('button', { name: 'Record the release' }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${leaving}`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'The release is recorded');
        const released = await episodeOf(leaving);
        expect(released.status).toBe('RELEASED');
        expect(released.history.at(-1).summary).toContain('Released by the Court of Appeal');
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
