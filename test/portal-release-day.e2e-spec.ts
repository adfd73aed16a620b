import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20 in the portal, "release day and after": the case manager plans the day of release (the gaps the api
 * reports listed at the top, each linking to its field), confirms it through a check step, and once the child is
 * released records the day as it happened and the first night. With and without JavaScript, axe on each page,
 * 320 px wide. Every parsing message is in release-day-forms.spec.ts.
 */
describe('the release day in the portal (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  const org: Record<string, { id: string }> = {};
  const CASE_MANAGER = 'case.manager@release-day.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'RD', place: 'Westborough', establishment: 'HMYOI Gatefield' }));
    colleague = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Releaseday', bornIn: '2010-07' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  let children: Children;
  const childOnRemand = async (givenName: string) => (await children.remanded(givenName)).episodeId;

  it.each([true, false])(
    'plan the day, confirm it, record the day and the first night (JavaScript: %s)',
    async (js) => {
      const episodeId = await childOnRemand(js ? 'Aled' : 'Bryn');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const fillDate = async (legend: string, date: string) => {
        const [y, m, d] = date.split('-');
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(String(Number(d)));
        await group.getByLabel('Month').fill(String(Number(m)));
        await group.getByLabel('Year').fill(y);
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: 'Release-day plan and the day as it happened' }).click();
        await expectText(page.locator('h1'), 'Release day');

        // Started part done: the gaps the api reports, each linking to its field.
        await page.getByLabel('Name of the person who meets the child').fill('Carys Parent');
        await page.getByRole('button', { name: 'Save the release-day plan' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Release-day plan saved');
        const gap = page.locator('#gaps a', { hasText: 'Their relationship to the child' });
        expect(await gap.getAttribute('href')).toBe('#metByRelationship');
        expect(await page.locator('#gaps a', { hasText: 'The day of release' }).getAttribute('href')).toBe(
          '#meetingDateDay',
        );
        await look();

        // A time that is not one is refused against its field, nothing sent.
        await page.getByLabel('Time the child is met').fill('half nine');
        await page.getByRole('button', { name: 'Save the release-day plan' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'The time the child is met must be a time');

        const year = String(h.t.clock.now().getUTCFullYear() + 1);
        await page.getByLabel('Their relationship to the child').fill('Mother');
        await page.getByLabel('Yes').check();
        await fillDate('Day of release', `${year}-01-15`);
        await page.getByLabel('Time the child is met').fill('9:30');
        await page.getByLabel('Travel').fill('Mother drives him home');
        await page.getByLabel('Where the child goes first').fill('Home, then the YJS office');
        await fillDate('Date of the first appointment', `${year}-01-15`);
        await page.getByLabel('Time of the first appointment').fill('14:00');
        await page.getByLabel('With whom').fill('Dee Worker, YJS');
        await page.getByLabel('Where', { exact: true }).fill('Westborough YJS office');
        await page.getByLabel('Medication and prescriptions').fill('None');
        await page.getByLabel('ID', { exact: true }).fill('Birth certificate with his mother');
        await page.getByLabel('Phone', { exact: true }).fill('His own phone, charged');
        await page.getByLabel('Money and property').fill('£20 and his bag');
        await page.getByLabel('Who explained the supervision requirements to the child').fill('Dee Worker');
        await fillDate('When they explained them', h.t.clock.today());
        await page.getByRole('button', { name: 'Save the release-day plan' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Release-day plan saved');
        expect(await page.locator('#gaps').count()).toBe(0);

        // Confirmed through the check step.
        await page.getByRole('link', { name: 'Confirm the release-day plan' }).click();
        await expectText(page.locator('h1'), 'Check the release-day plan');
        await expectText(page.locator('.govuk-summary-list'), `${year}-01-15 at 09:30`);
        await look();
        await page.getByRole('button', { name: 'Confirm the release-day plan' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Release-day plan confirmed');
        await expectText(page.locator('.govuk-tag'), 'Plan confirmed');

        // Released (the establishment records it on the episode): the day as it happened.
        const { custodialEpisode } = await colleague.ok(`query($id: ID!) { custodialEpisode(id: $id) { version } }`, {
          id: episodeId,
        });
        await colleague.ok(`mutation($input: RecordReleaseInput!) { recordRelease(input: $input) { id } }`, {
          input: {
            episodeId,
            expectedVersion: custodialEpisode.version,
            releasedAt: new Date(h.t.clock.now().getTime() - 3_600_000).toISOString(),
          },
        });
        await page.reload();
        await page.getByRole('button', { name: 'Record the release day' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select whether anyone met the child at the gate');
        expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#metAtGate');
        await look();
        await page.getByRole('group', { name: 'Did anyone meet the child at the gate?' }).getByLabel('Yes').check();
        await page.getByLabel('Who met the child (if anyone)').fill('Carys Parent');
        await page.getByLabel('Where the child slept the first night').fill('12 Example Road, Westborough');
        await page.getByLabel('Family home').check();
        await page.getByRole('group', { name: 'Was it the accommodation planned?' }).getByLabel('Yes').check();
        await page.getByRole('button', { name: 'Record the release day' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Release day recorded');
        const { resettlementPlan } = await colleague.ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { releaseDay { confirmedAt }
            releaseRecord { metAtGate metByName firstNightAddress firstNightPlacementType firstNightAsPlanned } } }`,
          { id: episodeId },
        );
        expect(resettlementPlan.releaseDay.confirmedAt).not.toBeNull();
        expect(resettlementPlan.releaseRecord).toEqual({
          metAtGate: true,
          metByName: 'Carys Parent',
          firstNightAddress: '12 Example Road, Westborough',
          firstNightPlacementType: 'FAMILY_HOME',
          firstNightAsPlanned: true,
        });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
