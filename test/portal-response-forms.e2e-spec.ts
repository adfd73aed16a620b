import { Role } from '@resettle/access';
import { expectText } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { insertArea } from './support/portal-world';
import { TestApp } from './support/test-app';

/**
 * Issue 22's two forms in the browser: a council's lead sets the council's response targets (each step its own figure
 * or the national default, checked before saving; a save made on a stale page shows what is there now beside what was
 * typed), a national admin chooses a council from the list, an officer who is not the lead is neither offered nor
 * allowed the page; and anyone stops the email of a kind of notice from their account page, keeping it in the portal.
 * With and without JavaScript, axe clean.
 */
describe('response targets and email choices (browser)', () => {
  let h: PortalHarness;
  const LEAD = 'lead.targets@partner.example.com';
  const OFFICER = 'officer.targets@partner.example.com';
  const READER = 'case.manager.';
  const ADMIN = 'admin.targets@clock.example.com';
  let councilId: string;

  beforeAll(async () => {
    h = await PortalHarness.start();
    const org = await insertArea(h.t, { code: 'TG', place: 'Targetton', establishment: 'HMYOI Targetfield' });
    const lead = await h.t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: LEAD,
    });
    await h.t.userSession({ organisationId: org.la.id, roles: [Role.LA_ACCOMMODATION_OFFICER], email: OFFICER });
    for (const email of [READER + 'js@clock.example.com', READER + 'nojs@clock.example.com'])
      await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.NATIONAL_ADMIN], email: ADMIN });
    councilId = org.la.id;
    await h.t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [org.la.id, lead.userId]);
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  for (const [javaScriptEnabled, days] of [
    [true, '4'],
    [false, '5'],
  ] as const) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`the council's lead sets a response target and sees it, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, LEAD);
        await page.goto('/referrals');
        await page.getByRole('link', { name: 'Set your council’s response targets' }).click();
        await page.waitForURL('**/response-targets');
        await expectText(page.locator('label[for="acknowledgeChoice"]'), 'Use the national default (2 working days)');
        expect(await h.accessibilityViolations(page)).toEqual([]);

        // Out of the api's range: its message, against the field, in the error summary.
        await page.check('#acknowledgeChoice-2');
        await page.fill('#acknowledge', '99');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Save response targets' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'There is a problem');
        expect(await page.locator('.govuk-error-summary a[href="#acknowledge"]').count()).toBe(1);
        expect(await page.locator('#acknowledge-error').count()).toBe(1);
        expect(await page.isChecked('#acknowledgeChoice-2')).toBe(true);
        expect(await h.accessibilityViolations(page)).toEqual([]);

        await page.fill('#acknowledge', days);
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check the response targets');
        // Back to the form with what was typed, and on again.
        await page.getByRole('button', { name: 'Change them' }).click();
        expect(await page.inputValue('#acknowledge')).toBe(days);
        await page.getByRole('button', { name: 'Continue' }).click();
        // Each step says whether it is the council's own figure or the national default.
        await expectText(
          page.locator('.govuk-summary-list'),
          `Your council’s own: ${days} working days (national default: 2 working days)`,
        );
        await expectText(page.locator('.govuk-summary-list'), 'National default: 10 working days');
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Save response targets' }).click();

        await expectText(page.locator('.govuk-notification-banner'), 'Response targets saved');
        await expectText(page.locator('#targets-now'), `${days} working days: your council’s own`);
        await expectText(page.locator('#targets-now'), '10 working days: the national default');
        expect(await page.inputValue('#acknowledge')).toBe(days);
        await page.reload();
        expect(await page.inputValue('#acknowledge')).toBe(days);
        expect(await page.isChecked('#offerChoice')).toBe(true);
      } finally {
        await context.close();
      }
    }, 120_000);

    it(`the lead sets a step back to the national default past someone else's change, ${run}`, async () => {
      const offer = javaScriptEnabled ? 12 : 13;
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, LEAD);
        await page.goto('/response-targets');
        // The step is the council's own since the test before: back to the national default.
        expect(await page.isChecked('#acknowledgeChoice-2')).toBe(true);
        await page.check('#acknowledgeChoice');

        // Meanwhile a national admin gives the council its own offer target: the page is now stale.
        const admin = await h.t.signIn(ADMIN, TestApp.TEST_PASSWORD);
        const TARGETS = `query($id: ID) { referralResponseTargets(organisationId: $id) { version } }`;
        const { referralResponseTargets } = await admin.ok(TARGETS, { id: councilId });
        await admin.ok(
          `mutation($input: SetReferralResponseTargetsInput!) { setReferralResponseTargets(input: $input) { step } }`,
          {
            input: {
              organisationId: councilId,
              expectedVersion: referralResponseTargets[0].version,
              targets: [{ step: 'OFFER', workingDays: offer }],
            },
          },
        );

        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-summary-list'), 'National default: 2 working days');
        await page.getByRole('button', { name: 'Save response targets' }).click();
        // Nothing saved: the error summary, what is there now beside what was typed, the form as it is now.
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed these response targets');
        await expectText(page.locator('#unsaved'), `Now: Your council’s own: ${offer} working days`);
        await expectText(page.locator('#unsaved'), 'You typed: National default: 10 working days');
        await expectText(page.locator('#unsaved'), 'You typed: National default: 2 working days');
        await expectText(page.locator('#targets-now'), `${offer} working days: your council’s own`);
        expect(await page.isChecked('#acknowledgeChoice-2')).toBe(true);
        expect(await h.accessibilityViolations(page)).toEqual([]);

        // Again, on the fresh page: the acknowledgement and the offer both back to the national default.
        await page.check('#acknowledgeChoice');
        await page.check('#offerChoice');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Save response targets' }).click();
        await expectText(page.locator('.govuk-notification-banner'), 'Response targets saved');
        await expectText(page.locator('#targets-now'), '2 working days: the national default');
        await expectText(page.locator('#targets-now'), '10 working days: the national default');
        expect(await page.isChecked('#acknowledgeChoice')).toBe(true);
        // Stored as "uses the national default": the council has no figure of its own for those steps.
        const own = await h.t.dataSource.query(
          `SELECT step FROM referral_response_target WHERE organisation_id = $1 ORDER BY step`,
          [councilId],
        );
        expect(own.map((r: { step: string }) => r.step)).not.toContain('ACKNOWLEDGE');
        expect(own.map((r: { step: string }) => r.step)).not.toContain('OFFER');
      } finally {
        await context.close();
      }
    }, 120_000);

    it(`a national admin chooses a council and sets its target, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, ADMIN);
        if (javaScriptEnabled) {
          // From the council's users page…
          await page.goto(`/users?organisationId=${councilId}`);
          await page.getByRole('link', { name: /^Response targets of / }).click();
        } else {
          // …or from the list of councils, a plain GET form, starting at the national defaults.
          await page.goto('/response-targets');
          await expectText(page.locator('.govuk-caption-l'), 'the national defaults');
          expect(await page.locator('#acknowledge').inputValue()).toBe('2');
          expect(await h.accessibilityViolations(page)).toEqual([]);
          await page.selectOption('#organisationId', { label: 'Targetton Council' });
          await page.getByRole('button', { name: 'Show targets' }).click();
          await page.waitForURL(`**/response-targets?organisationId=${councilId}`);
        }
        await expectText(page.locator('.govuk-caption-l'), 'Targetton');
        expect(await page.locator('#organisationId').inputValue()).toBe(councilId);
        await page.check('#confirmChoice-2');
        await page.fill('#confirm', javaScriptEnabled ? '6' : '7');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Save response targets' }).click();
        await expectText(page.locator('.govuk-notification-banner'), 'Response targets saved for Targetton');
        expect(await page.inputValue('#confirm')).toBe(javaScriptEnabled ? '6' : '7');
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);

    it(`an officer who is not the lead is not offered the targets, nor let in by address, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, OFFICER);
        await page.goto('/referrals');
        expect(await page.getByRole('link', { name: /response targets/ }).count()).toBe(0);
        await page.goto('/account');
        expect(await page.getByRole('link', { name: /response targets/ }).count()).toBe(0);
        const refused = await page.goto('/response-targets');
        expect(refused?.status()).toBe(403);
      } finally {
        await context.close();
      }
    }, 120_000);

    it(`a person stops one kind of email and it is kept after reload, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, `${READER}${javaScriptEnabled ? 'js' : 'nojs'}@clock.example.com`);
        await page.goto('/account');
        await expectText(page.locator('#main-content'), 'Every notice stays in your notifications in the portal');
        expect(await page.getByLabel('plan deadlines coming up').isChecked()).toBe(false);
        await page.getByLabel('plan deadlines coming up').check();
        await page.getByRole('button', { name: 'Save email choices' }).click();
        await expectText(page.locator('.govuk-notification-banner'), 'You still see every notice in the portal');
        await page.reload();
        expect(await page.getByLabel('plan deadlines coming up').isChecked()).toBe(true);
        expect(await page.getByLabel('plan deadlines missed').isChecked()).toBe(false);
        // Still in the portal: the notifications page is there for them.
        await page.getByRole('link', { name: 'notifications', exact: true }).click();
        await page.waitForURL('**/notifications');
        await page.goBack();
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
