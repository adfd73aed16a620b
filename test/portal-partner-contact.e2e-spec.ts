import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, sendAccommodationReferral } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 22, "the referral page names the case manager with phone and email" and "the officer's question and the
 * answers sit in the message thread", in a real browser against the real portal, api, PostgreSQL and Redis, with and
 * without JavaScript, axe-clean and at 320 px.
 */
describe('partner portal: who to call, and the question in the thread (browser)', () => {
  let h: PortalHarness;
  let service: Session;
  let caseManagerId: string;
  let children: Children;
  const org: Record<string, { id: string; name: string }> = {};
  const OFFICER = 'officer.contact@partner.example.com';
  const CASE_MANAGER = 'sam.okafor@partner.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'CT', place: 'Northtown', establishment: 'HMYOI Contactfield' }));
    service = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'manager@contact.example.com',
    });
    caseManagerId = (
      await h.t.userSession({
        organisationId: org.yjs.id,
        roles: [Role.YJS_CASE_MANAGER],
        email: CASE_MANAGER,
        givenName: 'Sam',
        familyName: 'Okafor',
      })
    ).userId;
    await h.t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: OFFICER,
      givenName: 'Priya',
      familyName: 'Shah',
    });
    children = new Children(
      h.t,
      service,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Contact', bornIn: '2010-05' },
    );
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  /** A sentenced child with a sent referral to Northtown Council, Sam Okafor their case manager or none. */
  async function referralFor(givenName: string, withCaseManager: boolean): Promise<string> {
    const { episodeId } = await children.sentenced(givenName);
    if (withCaseManager) {
      const [{ version }] = await h.t.dataSource.query(`SELECT version FROM custodial_episode WHERE id = $1`, [
        episodeId,
      ]);
      await service.ok(`mutation($input: AssignCaseManagerInput!) { assignCaseManager(input: $input) { id } }`, {
        input: { episodeId, expectedVersion: version, caseManagerId },
      });
    }
    return (await sendAccommodationReferral(service, episodeId, org.la.id)).id;
  }

  async function checkPage(page: Page, violations: string[]): Promise<void> {
    const width = await pageWidth(page);
    const path = new URL(page.url()).pathname;
    expect({ path, tooWide: width > 320 ? width : null }).toEqual({ path, tooWide: null });
    violations.push(...(await h.accessibilityViolations(page)));
  }

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
    const phone = javaScriptEnabled ? '0113 496 0123' : '07700 900 123';
    const dial = javaScriptEnabled ? 'tel:01134960123' : 'tel:07700900123';

    it(`the case manager gives a work phone on the account page; both sides see name, phone and email, or the service when none is assigned, ${run}`, async () => {
      const withCaseManager = await referralFor(javaScriptEnabled ? 'Ade' : 'Ben', true);
      const without = await referralFor(javaScriptEnabled ? 'Cal' : 'Dom', false);
      const violations: string[] = [];

      const cm = await h.person({ javaScriptEnabled });
      try {
        await cm.page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(cm.page, CASE_MANAGER);
        await cm.page.goto('/account');
        // A number that is not a UK one: the api's refusal, at the same address, the summary at the top.
        await cm.page.getByLabel('Work phone number').fill('call the office');
        await cm.page.getByRole('button', { name: 'Save work phone' }).click();
        await expectText(cm.page.locator('.govuk-error-summary'), 'Enter a UK phone number');
        expect(await cm.page.title()).toMatch(/^Error: /);
        expect(new URL(cm.page.url()).pathname).toBe('/account');
        await expect(cm.page.getByLabel('Work phone number').inputValue()).resolves.toBe('call the office');
        await checkPage(cm.page, violations);
        await cm.page.getByLabel('Work phone number').fill(phone);
        await cm.page.getByRole('button', { name: 'Save work phone' }).click();
        await expectText(cm.page.locator('main'), 'Your work phone is saved');
        await expectText(cm.page.locator('.govuk-summary-list'), phone);
        await checkPage(cm.page, violations);

        // The youth justice side's own page says the same.
        await cm.page.goto(`/referrals/${withCaseManager}`);
        await expectText(cm.page.locator('#case-manager-contact'), 'Sam Okafor');
        await expectText(cm.page.locator('#case-manager-contact'), phone);
        await checkPage(cm.page, violations);
        await cm.page.goto(`/referrals/${without}`);
        await expectText(cm.page.locator('#case-manager-contact'), 'No case manager is assigned');
        await expectText(cm.page.locator('#case-manager-contact'), 'a manager there assigns one');
      } finally {
        await cm.context.close();
      }

      const officer = await h.person({ javaScriptEnabled });
      try {
        await officer.page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(officer.page, OFFICER);
        await officer.page.goto(`/referrals/${withCaseManager}`);
        const contact = officer.page.locator('#case-manager-contact');
        await expectText(contact, 'Sam Okafor');
        await expectText(contact, 'Northtown Youth Justice Service');
        await expect(contact.getByRole('link', { name: phone }).getAttribute('href')).resolves.toBe(dial);
        await expect(contact.getByRole('link', { name: CASE_MANAGER }).getAttribute('href')).resolves.toBe(
          `mailto:${CASE_MANAGER}`,
        );
        await checkPage(officer.page, violations);
        await officer.page.goto(`/referrals/${without}`);
        await expectText(
          officer.page.locator('#case-manager-contact'),
          'No case manager is assigned to the child yet. Contact Northtown Youth Justice Service, the youth justice service supervising them.',
        );
        await checkPage(officer.page, violations);
      } finally {
        await officer.context.close();
      }
      expect(violations).toEqual([]);
    }, 240_000);

    it(`the officer's question opens the thread and the service's answer follows it; the timeline tells it once, ${run}`, async () => {
      const referralId = await referralFor(javaScriptEnabled ? 'Eli' : 'Fin', true);
      const question = javaScriptEnabled
        ? 'What curfew hours are expected on licence?'
        : 'Is contact with family supervised or unrestricted?';
      const answer = javaScriptEnabled ? 'Curfew 7pm to 7am for three months.' : 'Family contact is unrestricted.';
      const violations: string[] = [];

      const officer = await h.person({ javaScriptEnabled });
      try {
        await officer.page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(officer.page, OFFICER);
        await officer.page.goto(`/referrals/${referralId}/request-information`);
        await expectText(officer.page.locator('main'), 'Your question goes in the referral’s messages');
        await officer.page.getByLabel('What do you need to know?').fill(question);
        await officer.page.locator('main').getByRole('button', { name: 'Ask for more information' }).click();
        await expectText(officer.page.locator('#referral-status'), 'Information requested');
        const messages = officer.page.locator('.app-message');
        await expectText(messages.first(), 'Asked for more information');
        await expectText(messages.first(), question);
        await expectText(messages.first(), 'Priya Shah');
        await checkPage(officer.page, violations);
      } finally {
        await officer.context.close();
      }

      const cm = await h.person({ javaScriptEnabled });
      try {
        await cm.page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(cm.page, CASE_MANAGER);
        await cm.page.goto(`/referrals/${referralId}`);
        await expectText(cm.page.locator('.app-message').first(), question);
        await cm.page.getByLabel('Send a message').fill(answer);
        await cm.page.getByRole('button', { name: 'Send message' }).click();
        await expectText(cm.page.locator('main'), 'Message sent');
        const bodies = (await cm.page.locator('.app-message').allTextContents()).map((text) =>
          text.replace(/\s+/g, ' '),
        );
        expect(bodies).toEqual([expect.stringContaining(question), expect.stringContaining(answer)]);
        expect(bodies[0]).toContain('Priya Shah');
        expect(bodies[1]).toContain('Sam Okafor');
        // The timeline keeps the move with its question, and does not repeat the question as a message.
        const timeline = (await cm.page.locator('.moj-timeline').textContent()) ?? '';
        expect(timeline.split(question).length - 1).toBe(1);
        expect(timeline).toContain(answer);
        await checkPage(cm.page, violations);
      } finally {
        await cm.context.close();
      }
      expect(violations).toEqual([]);
    }, 240_000);
  }
});
