import { Role } from '@resettle/access';
import { addDays } from '@resettle/common';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/** London's wall clock at an instant, as the form's boxes take it. */
function london(instant: Date): { day: string; month: string; year: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day, month: parts.month, year: parts.year, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Issue 20 in the portal, "after release": once the child is released the case manager records an appointment kept
 * or missed (the reason required when missed, by the portal and by the api), a barrier to engagement and a
 * supervision check, each through a check step, and the page shows them with who recorded each and when. Then the
 * missed appointment is changed to kept past a colleague's change made meanwhile (what is there now beside what was
 * typed, nothing overwritten) and its person, time and place corrected, the barrier is addressed and the supervision
 * check corrected. With and without
 * JavaScript, axe on each page, 320 px wide.
 */
describe('after release in the portal (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  let children: Children;
  const org: Record<string, { id: string }> = {};
  const CASE_MANAGER = 'case.manager@after-release.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'AR', place: 'Eastbridge', establishment: 'HMYOI Northgate' }));
    colleague = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: CASE_MANAGER,
      givenName: 'Dee',
      familyName: 'Worker',
    });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Afterwards', bornIn: '2010-05' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const releasedChild = async (givenName: string) => {
    // Remanded two days ago: released two hours ago is after the episode began even just after midnight.
    const { episodeId } = await children.remanded(givenName, { remandDate: addDays(h.t.clock.today(), -2) });
    const { custodialEpisode } = await colleague.ok(`query($id: ID!) { custodialEpisode(id: $id) { version } }`, {
      id: episodeId,
    });
    await colleague.ok(`mutation($input: RecordReleaseInput!) { recordRelease(input: $input) { id } }`, {
      input: {
        episodeId,
        expectedVersion: custodialEpisode.version,
        releasedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      },
    });
    return episodeId;
  };

  it.each([true, false])(
    'records an appointment missed (with why), a barrier and a supervision check, and shows who did (JavaScript: %s)',
    async (js) => {
      const episodeId = await releasedChild(js ? 'Cai' : 'Dylan');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const fillDate = async (legend: string, d: { day: string; month: string; year: string }) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(d.day);
        await group.getByLabel('Month').fill(d.month);
        await group.getByLabel('Year').fill(d.year);
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: 'After release: appointments, barriers and supervision' }).click();
        await expectText(page.locator('h1'), 'After release');
        await look();

        // Missed without saying why: refused against the notes, nothing sent.
        const at = london(new Date(Date.now() - 3_600_000));
        await page.getByRole('group', { name: 'What was the appointment?' }).getByLabel('Health').check();
        await fillDate('Date of the appointment', at);
        await page.getByLabel('Time of the appointment').fill(at.time);
        await page.getByLabel('Who it was with').fill('GP registration, Eastbridge Surgery');
        await page.getByRole('group', { name: 'Was it kept or missed?' }).getByLabel('Missed').check();
        await page.getByRole('button', { name: 'Check the appointment' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Say why the appointment was missed');
        expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#notes');
        expect(await page.getByLabel('Who it was with').inputValue()).toBe('GP registration, Eastbridge Surgery');
        await look();
        await page.getByLabel('Notes, and why it was missed').fill('No bus fare; rebooked for Friday');
        await page.getByRole('button', { name: 'Check the appointment' }).click();
        // The check step: the answers in words; back to change them, with what was typed, and on again.
        await expectText(page.locator('h1'), 'Check the appointment');
        await expectText(page.locator('.govuk-summary-list'), 'GP registration, Eastbridge Surgery');
        await expectText(page.locator('.govuk-summary-list'), 'Missed');
        await look();
        await page.getByRole('button', { name: 'Change the answers' }).click();
        expect(await page.getByLabel('Who it was with').inputValue()).toBe('GP registration, Eastbridge Surgery');
        await page.getByRole('button', { name: 'Check the appointment' }).click();
        await page.getByRole('button', { name: 'Record the appointment' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Appointment recorded');
        await expectText(page.locator('#appointment-list'), 'No bus fare; rebooked for Friday');
        await expectText(page.locator('#appointment-list'), 'Missed');

        await page.getByLabel('Money').check();
        await page.getByLabel('How it was assessed').fill('No money for travel until benefits start');
        await page.getByLabel('The plan to address it').fill('Bus pass from the YJS until the first payment');
        await page.getByRole('button', { name: 'Check the barrier' }).click();
        await page.getByRole('button', { name: 'Record the barrier to engagement' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Barrier to engagement recorded');
        await expectText(page.locator('#barrier-list'), 'Bus pass from the YJS');

        // A second open barrier the same: the api refuses it, and what was typed stays.
        await page.getByLabel('Money').check();
        await page.getByLabel('How it was assessed').fill('Again');
        await page.getByLabel('The plan to address it').fill('Again');
        await page.getByRole('button', { name: 'Check the barrier' }).click();
        await page.getByRole('button', { name: 'Record the barrier to engagement' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'already recorded');
        expect(await page.getByLabel('How it was assessed').inputValue()).toBe('Again');
        await look();

        await fillDate('Last day of the period', london(new Date()));
        await page.getByLabel('Partly compliant').check();
        await page.getByRole('button', { name: 'Check the supervision check' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'not fully compliant');
        await page.getByLabel('What happened').fill('Late to one session');
        await page.getByRole('button', { name: 'Check the supervision check' }).click();
        await page.getByRole('button', { name: 'Record the supervision check' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Supervision check recorded');
        await expectText(page.locator('#supervision-list'), 'Partly compliant');
        await expectText(page.locator('#recorded-list'), 'Dee Worker');
        expect(await page.locator('#recorded-list li').count()).toBe(3);
        await look();

        // The missed appointment turns out to have been kept. Meanwhile a colleague changes its notes: not overwritten.
        await page.getByRole('link', { name: /^Change the Health appointment/ }).click();
        await expectText(page.locator('h1'), 'Change the appointment');
        expect(await page.getByRole('radio', { name: 'Missed' }).isChecked()).toBe(true);
        await look();
        const { resettlementPlan: before } = await colleague.ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { appointments { id version } } }`,
          { id: episodeId },
        );
        await colleague.ok(
          `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) { id } }`,
          {
            input: {
              appointmentId: before.appointments[0].id,
              expectedVersion: before.appointments[0].version,
              outcome: 'MISSED',
              notes: 'Missed: no bus fare (checked with the surgery)',
            },
          },
        );
        await page.getByRole('radio', { name: 'Kept' }).check();
        await page.getByLabel('Notes, and why it was missed').fill('Came after all, an hour late');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check the appointment');
        await page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed this record');
        await expectText(page.locator('#unsaved'), 'Now: Missed: no bus fare (checked with the surgery)');
        await expectText(page.locator('#unsaved'), 'You typed: Came after all, an hour late');
        await expectText(page.locator('#unsaved'), 'You typed: Kept');
        expect(await page.getByLabel('Notes, and why it was missed').inputValue()).toBe(
          'Missed: no bus fare (checked with the surgery)',
        );
        await look();
        await page.getByRole('radio', { name: 'Kept' }).check();
        await page.getByLabel('Notes, and why it was missed').fill('Came after all, an hour late');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Appointment changed');
        await expectText(page.locator('#appointment-list'), 'Kept');

        // Recorded wrongly: it was with Dr Shah, half an hour earlier, in room 2. The form holds what is there now;
        // a blank person is refused against the field; the check step shows the correction.
        await page.getByRole('link', { name: /^Change the Health appointment/ }).click();
        expect(await page.getByLabel('Who it was with').inputValue()).toBe('GP registration, Eastbridge Surgery');
        expect(await page.getByLabel('Time of the appointment').inputValue()).toBe(at.time);
        expect(
          await page.getByRole('group', { name: 'What was the appointment?' }).getByLabel('Health').isChecked(),
        ).toBe(true);
        await page.getByLabel('Who it was with').fill(' ');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter who the appointment was with');
        expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#withWhom');
        await look();
        const earlier = london(new Date(Date.now() - 90 * 60_000));
        await fillDate('Date of the appointment', earlier);
        await page.getByLabel('Time of the appointment').fill(earlier.time);
        await page.getByLabel('Who it was with').fill('Dr Shah, Eastbridge Surgery');
        await page.getByLabel('Where (optional)').fill('Room 2');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check the appointment');
        await expectText(page.locator('.govuk-summary-list'), 'Dr Shah, Eastbridge Surgery');
        await expectText(page.locator('.govuk-summary-list'), `at ${earlier.time}`);
        await look();
        await page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Appointment changed');
        await expectText(page.locator('#appointment-list'), 'with Dr Shah, Eastbridge Surgery at Room 2');
        await expectText(page.locator('#recorded-list'), 'corrected from HEALTH');

        // The barrier addressed, and the supervision check corrected, each through its check step.
        await page.getByRole('link', { name: 'Change the barrier: Money' }).click();
        await page.getByLabel('Addressed').check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-summary-list'), 'Addressed');
        await page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Barrier to engagement changed');
        await page.getByRole('link', { name: /^Change the supervision check/ }).click();
        await expectText(page.locator('h1'), 'Correct the supervision check');
        await page.getByLabel('Compliant', { exact: true }).check();
        await page.getByLabel('What happened').fill('');
        await page.getByRole('button', { name: 'Continue' }).click();
        await look();
        await page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Supervision check corrected');
        await expectText(page.locator('#supervision-list'), 'Compliant');

        const { resettlementPlan } = await colleague.ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { appointments { outcome notes withWhom place }
            engagementBarriers { barrier status } supervisionChecks { compliance notes } } }`,
          { id: episodeId },
        );
        expect(resettlementPlan).toEqual({
          appointments: [
            {
              outcome: 'KEPT',
              notes: 'Came after all, an hour late',
              withWhom: 'Dr Shah, Eastbridge Surgery',
              place: 'Room 2',
            },
          ],
          engagementBarriers: [{ barrier: 'Money', status: 'ADDRESSED' }],
          supervisionChecks: [{ compliance: 'COMPLIANT', notes: null }],
        });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('before release the page says what will be recorded, with no forms', async () => {
    const { episodeId } = await children.remanded('Emrys');
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, CASE_MANAGER);
      await page.goto(`/episodes/${episodeId}/after-release`);
      await expectText(page.locator('main'), 'once the child is released');
      expect(await page.locator('form[action$="/appointment"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);

  it.each([true, false])(
    'the release-day plan changed by someone else meanwhile is not overwritten: what is there now and what was typed (JavaScript: %s)',
    async (js) => {
      const { episodeId } = await children.remanded(js ? 'Ffion' : 'Gethin');
      const { resettlementPlan } = await colleague.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, {
        id: episodeId,
      });
      const plan = (input: Record<string, unknown>) =>
        colleague.ok(`mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { version } }`, {
          input: { planId: resettlementPlan.id, ...input },
        });
      await plan({ metByName: 'Ann Parent' });
      const { context, page } = await h.person({ javaScriptEnabled: js });
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/episodes/${episodeId}/release-day`);
        await plan({ expectedVersion: 1, metByName: 'Bea Carer' });
        await page.getByLabel('Name of the person who meets the child').fill('Cat Aunt');
        await page.getByRole('button', { name: 'Save the release-day plan' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed the release-day plan');
        await expectText(page.locator('#unsaved'), 'Now: Bea Carer');
        await expectText(page.locator('#unsaved'), 'You typed: Cat Aunt');
        expect(await page.getByLabel('Name of the person who meets the child').inputValue()).toBe('Bea Carer');
        expect(await h.accessibilityViolations(page)).toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('the explanation of the plan changed by someone else meanwhile is not overwritten (no JavaScript)', async () => {
    const { episodeId } = await children.remanded('Heledd');
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, CASE_MANAGER);
      await page.goto(`/plans/${episodeId}/agreement`);
      const { resettlementPlan } = await colleague.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id version } }`,
        { id: episodeId },
      );
      await colleague.ok(
        `mutation($input: RecordPlanExplanationInput!) { recordPlanExplanation(input: $input) { id } }`,
        {
          input: {
            planId: resettlementPlan.id,
            expectedVersion: resettlementPlan.version,
            explainedOn: h.t.clock.today(),
            explainedHow: 'In person with his mother',
            childAgreement: 'AGREES',
            childAgreementWords: 'Fine by me',
          },
        },
      );
      const [year, month, day] = h.t.clock.today().split('-');
      const when = page.getByRole('group', { name: 'When the plan was explained' });
      await when.getByLabel('Day').fill(day);
      await when.getByLabel('Month').fill(month);
      await when.getByLabel('Year').fill(year);
      await page.getByLabel('How it was explained, and by whom').fill('Easy-read version with an advocate');
      await page
        .getByRole('group', { name: 'Does the child agree with the plan?' })
        .getByLabel('Agrees', { exact: true })
        .check();
      await page.getByLabel('What the child said, in their own words').fill('It is fair');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectText(page.locator('.govuk-error-summary'), 'changed');
      await expectText(page.locator('#unsaved'), 'Now: In person with his mother');
      await expectText(page.locator('#unsaved'), 'You typed: Easy-read version with an advocate');
      expect(await page.getByLabel('How it was explained, and by whom').inputValue()).toBe('In person with his mother');
      expect(await h.accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
