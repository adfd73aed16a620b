import { Role } from '@resettle/access';
import { expectText } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { insertArea } from './support/portal-world';

/**
 * Issue 22's two forms in the browser: a council's lead sets the council's response targets (beside the national
 * default, checked before saving), which an officer who is not the lead is neither offered nor allowed; and anyone
 * stops the email of a kind of notice from their account page, keeping it in the portal. With and without
 * JavaScript, axe clean.
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
        await expectText(page.locator('#acknowledge-hint'), 'National default: 2 working days');
        expect(await h.accessibilityViolations(page)).toEqual([]);

        // Out of the api's range: its message, against the field, in the error summary.
        await page.fill('#acknowledge', '99');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Save response targets' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'There is a problem');
        expect(await page.locator('.govuk-error-summary a[href="#acknowledge"]').count()).toBe(1);
        expect(await page.locator('#acknowledge-error').count()).toBe(1);
        expect(await h.accessibilityViolations(page)).toEqual([]);

        await page.fill('#acknowledge', days);
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check the response targets');
        // Back to the form with what was typed, and on again.
        await page.getByRole('button', { name: 'Change them' }).click();
        expect(await page.inputValue('#acknowledge')).toBe(days);
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(
          page.locator('.govuk-summary-list'),
          `${days} working days (national default: 2 working days)`,
        );
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Save response targets' }).click();

        await expectText(page.locator('.govuk-notification-banner'), 'Response targets saved');
        expect(await page.inputValue('#acknowledge')).toBe(days);
        await page.reload();
        expect(await page.inputValue('#acknowledge')).toBe(days);
        expect(await page.inputValue('#offer')).toBe('10');
      } finally {
        await context.close();
      }
    }, 120_000);

    it(`a national admin sets a chosen council's target from its users page, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, ADMIN);
        await page.goto(`/users?organisationId=${councilId}`);
        await page.getByRole('link', { name: /^Response targets of / }).click();
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
