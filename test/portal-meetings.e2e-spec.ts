import { Role } from '@resettle/access';
import { addDays } from '@resettle/common';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20, meetings: a case manager schedules a planning meeting with a check step, reschedules it (a stale version
 * is refused with the meeting as it is now, and the api's own refusal of a date too far ahead is shown against the
 * field), records its outcome with an action that lands on a pathway, and gets their calendar address. In Chromium
 * against the real portal, api, PostgreSQL and Redis, with and without JavaScript, axe on each new page, 320 px wide.
 * The fine-grained cases (every message, London time across the clock changes) are unit tests of `meeting-forms.ts`.
 */
describe('a case manager schedules, reschedules and records a meeting (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const CASE_MANAGER = 'case.manager@meetings-yjs.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'MT', place: 'Westmere', establishment: 'HMYOI Meetfield' }));
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Meetings', bornIn: '2010-04' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  let children: Children;
  const remandedChild = async (givenName: string) => (await children.remanded(givenName)).episodeId;

  const meetingsOf = async (episodeId: string) =>
    (
      await manager.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { meetings { id planId version status startsAt location
          invitees { attendance } outcome { decisions } actions { description sourceMeetingId } } } }`,
        { id: episodeId },
      )
    ).resettlementPlan.meetings;

  it.each([true, false])(
    'schedules with a check step, reschedules past a stale version, records the outcome (JavaScript: %s)',
    async (js) => {
      const episodeId = await remandedChild(js ? 'Milo' : 'Nico');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        expect({ url: page.url(), width: await pageWidth(page) }).toEqual({ url: page.url(), width: 320 });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const fillDate = async (legend: string, day: string) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
        await group.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
        await group.getByLabel('Year').fill(day.slice(0, 4));
      };
      const today = h.t.clock.today();
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: 'Planning meetings' }).click();
        await expectText(page.locator('h1'), 'Planning meetings');
        await look();

        // ---------------------------------------------------------------- schedule, checked first
        await page.getByRole('button', { name: 'Schedule a meeting' }).click();
        await expectText(page.locator('h1'), 'Schedule a meeting');
        await look();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select the type of meeting');
        expect(await page.title()).toMatch(/^Error: /);
        await page.getByLabel('Review meeting').check();
        await fillDate('Date of the meeting', addDays(today, 1));
        await page.getByLabel('Time it starts (UK time)').fill('2:30pm');
        await page.getByLabel('Where').fill('Interview room 4');
        await page.getByLabel('HMYOI Meetfield').check();
        await page.getByLabel('In person').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check the meeting before scheduling it');
        await expectText(page.locator('#answers'), 'at 2:30pm (1 hour)');
        await look();
        expect(await meetingsOf(episodeId)).toEqual([]);
        await page.getByRole('button', { name: 'Schedule the meeting' }).click();
        await page.waitForURL((url) => url.pathname === `/episodes/${episodeId}/meetings`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'Review meeting scheduled for');
        const [scheduled] = await meetingsOf(episodeId);
        expect(scheduled).toMatchObject({ status: 'SCHEDULED', location: 'Interview room 4', version: 1 });

        // ---------------------------------------------------------------- reschedule: stale, then refused, then done
        await page.getByRole('link', { name: /^Reschedule/ }).click();
        await expectText(page.locator('h1'), 'Reschedule the meeting');
        await look();
        // Someone else moves the room meanwhile.
        await manager.ok(`mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id } }`, {
          input: {
            meetingId: scheduled.id,
            expectedVersion: 1,
            startsAt: scheduled.startsAt,
            endsAt: new Date(Date.parse(scheduled.startsAt) + 3_600_000).toISOString(),
            location: 'Visits hall',
          },
        });
        const yesterday = addDays(today, -1);
        await fillDate('Date of the meeting', yesterday);
        await page.getByLabel('Time it starts (UK time)').fill('10:00');
        await page.getByRole('button', { name: 'Reschedule the meeting' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'has changed since you loaded it');
        await expectText(page.locator('.govuk-summary-card'), 'Visits hall');
        // The api's own refusal, against the field.
        await fillDate('Date of the meeting', addDays(today, 800));
        await page.getByRole('button', { name: 'Reschedule the meeting' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'days ahead');
        expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#startDay');
        await fillDate('Date of the meeting', yesterday);
        await page.getByRole('button', { name: 'Reschedule the meeting' }).click();
        await page.waitForURL((url) => url.pathname === `/episodes/${episodeId}/meetings`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'Review meeting moved to');
        expect((await meetingsOf(episodeId))[0]).toMatchObject({ location: 'Interview room 4', version: 3 });

        // ---------------------------------------------------------------- the outcome, with an action on a pathway
        await page.getByRole('link', { name: /^Record the outcome/ }).click();
        await expectText(page.locator('h1'), 'Record the outcome of the meeting');
        await look();
        await page.getByRole('group', { name: 'HMYOI Meetfield' }).getByLabel('Sent apologies').check();
        await page.getByRole('group', { name: 'How did the child take part?' }).getByLabel('In person').check();
        await page.getByLabel('Decisions').fill('Refer for supported accommodation\nReview in six weeks');
        await page.getByLabel('Pathway').selectOption({ label: 'Accommodation' });
        await page.getByLabel('The action', { exact: true }).fill('Find a supported placement');
        await fillDate('Due by', addDays(today, 14));
        await page.getByRole('button', { name: 'Save the outcome' }).click();
        await page.waitForURL((url) => url.pathname === `/episodes/${episodeId}/meetings`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'is recorded');
        await expectText(page.locator('#past'), 'Past');
        await expectText(page.locator('.govuk-summary-card'), 'Review in six weeks');
        await look();
        const [held] = await meetingsOf(episodeId);
        expect(held).toMatchObject({
          status: 'HELD',
          invitees: [{ attendance: 'APOLOGIES' }],
          outcome: { decisions: ['Refer for supported accommodation', 'Review in six weeks'] },
          actions: [{ description: 'Find a supported placement', sourceMeetingId: held.id }],
        });

        // ---------------------------------------------------------------- cancel another, with a reason
        const start = new Date(Date.parse(`${addDays(today, 3)}T09:00:00Z`));
        await manager.ok(`mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`, {
          input: {
            planId: held.planId,
            type: 'PRE_RELEASE',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
            callLink: 'https://meet.example.com/pre-release',
            childParticipation: 'REMOTELY',
          },
        });
        await page.reload();
        await page.getByRole('link', { name: /^Cancel/ }).click();
        await expectText(page.locator('h1'), 'Cancel the meeting');
        await look();
        await page.getByRole('button', { name: 'Cancel the meeting' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter why the meeting is cancelled');
        await page.getByLabel('Why is the meeting cancelled?').fill('The child moved establishment');
        await page.getByRole('button', { name: 'Cancel the meeting' }).click();
        await page.waitForURL((url) => url.pathname === `/episodes/${episodeId}/meetings`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'cancelled');
        await expectText(page.locator('.govuk-summary-card'), 'The child moved establishment');

        // ---------------------------------------------------------------- the calendar feed, shown once
        await page.goto('/account');
        await page.getByRole('button', { name: 'Get your calendar address' }).click();
        await expectText(page.locator('h1'), 'Subscribe to your calendar');
        expect(await page.getByLabel('Your calendar address').inputValue()).toMatch(
          /^https?:\/\/.+\/calendar\/.+\.ics$/,
        );
        await look();
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});

/** How wide the page is drawn: wider than the window means scrolling sideways. */
