import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { ConfigModule } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '@resettle/access';
import { Clock, ClockModule, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { OutboxRelay, QueueModule } from '@resettle/queue';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { eventually, TestSmtpServer } from './support/smtp-server';
import { Session } from './support/test-app';

/**
 * Issue 6, the partner portal, in a real browser against the real portal, api, PostgreSQL and Redis: an
 * accommodation officer signs in, sees only their authority's referrals, asks for information; the youth justice
 * case manager replies and sends it back; the officer offers and confirms an address; the caseload then shows
 * accommodation arranged and the plan the deadline met. Another authority's officer cannot open it by its URL.
 * The whole flow runs once with JavaScript and once without, and axe-core checks every page on the way.
 */
describe('partner portal (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const EMAIL = {
    officer: 'officer.a@portal.example.com',
    otherOfficer: 'officer.b@portal.example.com',
    practitioner: 'practitioner.a@portal.example.com',
    admin: 'admin@portal.example.com',
    caseManager: 'case.manager.a@portal.example.com',
  };
  let caseManagerId: string;

  /** Every page the flow visits is checked; the violations are gathered and asserted at the end of each run. */
  let violations: string[] = [];
  const check = async (page: Page) => {
    violations.push(...(await h.accessibilityViolations(page)));
  };

  // The worker's email, for invitations: a real SMTP server, and the relay run by hand.
  const smtp = new TestSmtpServer();
  let worker: TestingModule;
  let relay: OutboxRelay;

  beforeAll(async () => {
    await smtp.start();
    process.env.EMAIL_TRANSPORT = 'smtp';
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    h = await PortalHarness.start();
    // Links in emails lead to this portal.
    process.env.EMAIL_LINK_BASE_URL = h.baseUrl;
    const lib = require('@resettle/notifications') as typeof import('@resettle/notifications');
    worker = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateConfig }),
        ClockModule,
        DatabaseModule,
        QueueModule.forRoot('worker'),
        lib.NotificationsWorkerModule,
        // The children's episodes write the deadline engine's outbox rows too: the relay needs their queue to publish
        // them (and so reach the invitations behind them); no engine runs here, so its jobs only wait.
        BullModule.registerQueue({ name: 'milestones' }),
      ],
    })
      .overrideProvider(Clock)
      .useValue(h.t.clock)
      .compile();
    worker.useLogger(false);
    await worker.init();
    relay = new OutboxRelay(worker.get(DataSource), worker as unknown as ModuleRef);
    const ds = h.t.dataSource;
    const insertOrg = async (
      key: string,
      code: string,
      name: string,
      type: string,
      localAuthorityId: string | null = null,
    ) => {
      [org[key]] = await ds.query(
        `INSERT INTO organisation (code, name, type, local_authority_id, nation, region) VALUES ($1, $2, $3, $4, 'ENGLAND', 'Test') RETURNING id, name`,
        [code, name, type, localAuthorityId],
      );
    };
    await insertOrg('laA', 'LA-PA', 'Northtown Council', 'LOCAL_AUTHORITY');
    await insertOrg('laB', 'LA-PB', 'Southtown Council', 'LOCAL_AUTHORITY');
    await insertOrg('yjsA', 'YJS-PA', 'Northtown Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', org.laA.id);
    await insertOrg('yjsB', 'YJS-PB', 'Southtown Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', org.laB.id);
    await insertOrg('yoi', 'YOI-P', 'HMYOI Testmoor', 'YOI');
    await insertOrg('health', 'HEALTH-PA', 'Northtown CAMHS', 'HEALTH_PROVIDER', org.laA.id);
    await insertOrg('national', 'NAT-P', 'Test National Body', 'NATIONAL_BODY');
    manager = await h.t.userSession({
      organisationId: org.yjsA.id,
      roles: [Role.YJS_MANAGER],
      email: 'manager.a@portal.example.com',
      givenName: 'Morgan',
      familyName: 'Lee',
    });
    const caseManager = await h.t.userSession({
      organisationId: org.yjsA.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: EMAIL.caseManager,
      givenName: 'Sam',
      familyName: 'Okafor',
    });
    caseManagerId = caseManager.userId;
    await h.t.userSession({
      organisationId: org.laA.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: EMAIL.officer,
      givenName: 'Priya',
      familyName: 'Shah',
    });
    await h.t.userSession({
      organisationId: org.laB.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: EMAIL.otherOfficer,
      givenName: 'Tom',
      familyName: 'Reed',
    });
    await h.t.userSession({
      organisationId: org.health.id,
      roles: [Role.HEALTH_PRACTITIONER],
      email: EMAIL.practitioner,
      givenName: 'Ada',
      familyName: 'Obi',
    });
    await h.t.userSession({
      organisationId: org.national.id,
      roles: [Role.NATIONAL_ADMIN],
      email: EMAIL.admin,
      givenName: 'Nat',
      familyName: 'Admin',
    });
  });
  afterAll(async () => {
    // The queues' keys live under this test's own prefix: leave nothing of them in the shared Redis.
    for (const name of ['notifications', 'milestones'])
      await worker
        ?.get<Queue>(getQueueToken(name))
        .obliterate({ force: true })
        .catch(() => undefined);
    await worker?.close();
    await smtp.stop();
    for (const name of ['EMAIL_TRANSPORT', 'SMTP_URL', 'EMAIL_LINK_BASE_URL']) delete process.env[name];
    await h?.stop();
  });

  /** A sentenced child in custody with Northtown (or Southtown), their plan's pathways, and the service's session. */
  async function childInCustody(givenName: string, side: 'A' | 'B', releaseInMonths = 6) {
    const service =
      side === 'A' ? manager : await h.t.userSession({ organisationId: org.yjsB.id, roles: [Role.YJS_MANAGER] });
    const { registerChild: child } = await service.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName,
          familyName: 'Example',
          dateOfBirth: '2010-03-03',
          gender: 'MALE',
          responsibleAuthorityId: org[`la${side}`].id,
          homeAuthorityId: org[`la${side}`].id,
        },
      },
    );
    const { startCustodialEpisode: episode } = await service.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version } }`,
      {
        input: {
          childId: child.id,
          establishmentId: org.yoi.id,
          supervisingServiceId: org[`yjs${side}`].id,
          remandDate: h.t.clock.today(),
        },
      },
    );
    const { recordSentence } = await service.ok(
      `mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id version } }`,
      {
        input: {
          episodeId: episode.id,
          expectedVersion: episode.version,
          sentence: { sentenceType: 'DTO', sentenceDate: h.t.clock.today(), termMonths: releaseInMonths * 2 },
        },
      },
    );
    if (side === 'A') {
      await service.ok(`mutation($input: AssignCaseManagerInput!) { assignCaseManager(input: $input) { id } }`, {
        input: { episodeId: episode.id, expectedVersion: recordSentence.version, caseManagerId },
      });
    }
    const { resettlementPlan } = await service.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
      { id: episode.id },
    );
    return {
      service,
      episodeId: episode.id as string,
      pathways: resettlementPlan.pathways as { id: string; type: string }[],
    };
  }

  /** A child in custody with Northtown (or Southtown) and a sent accommodation referral to their council. */
  async function childWithReferral(
    givenName: string,
    side: 'A' | 'B',
    releaseInMonths = 6,
  ): Promise<{ episodeId: string; referralId: string; pathways: { id: string; type: string }[] }> {
    const { service, episodeId, pathways } = await childInCustody(givenName, side, releaseInMonths);
    const pathwayId = pathways.find((p) => p.type === 'ACCOMMODATION')!.id;
    const { createReferral } = await service.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          pathwayId,
          type: 'ACCOMMODATION',
          toOrganisationId: org[`la${side}`].id,
          childWishes: 'Wants to live near his nan; not back to the old estate',
          familyViews: 'Nan is happy to visit every week',
          needsAndRisks: 'Needs a quiet room: struggles to sleep',
        },
      },
    );
    await service.ok(`mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id } }`, {
      input: { referralId: createReferral.id, expectedVersion: createReferral.version },
    });
    return { episodeId, referralId: createReferral.id, pathways };
  }

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
    const childName = javaScriptEnabled ? 'Jayden' : 'Kofi';

    it(`the whole referral flow, ${run}: inbox, information asked and given, offer, confirmation, caseload`, async () => {
      // Three people, a dozen pages each, every one checked by axe-core.
      violations = [];
      const mine = await childWithReferral(childName, 'A');
      const theirs = await childWithReferral(`${childName}South`, 'B');
      const officer = await h.person({ javaScriptEnabled });
      const yjs = await h.person({ javaScriptEnabled });
      const other = await h.person({ javaScriptEnabled });
      try {
        // The officer signs in and sees only Northtown's referrals.
        await h.signIn(officer.page, EMAIL.officer);
        await officer.page.goto('/referrals');
        await expectHeading(officer.page, 'Referrals to Northtown Council');
        const inbox = officer.page.locator('table tbody');
        await expectText(inbox, `${childName} Example`);
        expect(await inbox.textContent()).not.toContain(`${childName}South`);
        await expectText(inbox, 'On track');
        await check(officer.page);

        // Opening it: the minimal summary, the wishes, and the actions the officer has.
        await officer.page.getByRole('link', { name: `${childName} Example` }).click();
        await expectHeading(officer.page, `${childName} Example`);
        await expectText(officer.page.locator('main'), 'Wants to live near his nan');
        await check(officer.page);

        // Asking for information: an empty question is refused with the GOV.UK error summary, nothing sent.
        // An action that asks for something is a link styled (and announced) as a button, to its own page.
        await officer.page.getByRole('button', { name: 'Ask for more information' }).click();
        await officer.page.getByRole('button', { name: 'Ask for more information' }).click();
        await expectText(officer.page.locator('.govuk-error-summary'), 'Enter what you need to know');
        expect(await officer.page.title()).toMatch(/^Error: /);
        await check(officer.page);
        await officer.page.getByLabel('What do you need to know?').fill('Is there a curfew, and may his nan visit?');
        await officer.page.getByRole('button', { name: 'Ask for more information' }).click();
        await expectText(
          officer.page.locator('.govuk-notification-banner'),
          'You asked the youth justice service for more information',
        );
        await expectText(officer.page.locator('#referral-status'), 'Information requested');

        // The case manager sees the question, answers it in the thread and sends the referral back.
        await h.signIn(yjs.page, EMAIL.caseManager);
        await yjs.page.goto('/referrals');
        await expectHeading(yjs.page, 'Referrals made by Northtown Youth Justice Service');
        await yjs.page.getByRole('link', { name: `${childName} Example` }).click();
        await expectText(yjs.page.locator('main'), 'Is there a curfew, and may his nan visit?');
        await yjs.page.getByLabel('Send a message').fill('Curfew 7pm to 7am for three months. Yes, his nan may visit.');
        await yjs.page.getByRole('button', { name: 'Send message' }).click();
        await expectText(yjs.page.locator('.govuk-notification-banner'), 'Message sent');

        // While information is requested the case manager may change what the referral says, past a colleague's
        // change made meanwhile (the error summary, the form as it is now, nothing overwritten).
        await expectText(yjs.page.locator('#change-details'), 'Northtown Council asked for more information');
        await yjs.page.locator('#change-details').getByRole('link', { name: 'change the referral' }).click();
        await expectHeading(yjs.page, 'Change the referral');
        await check(yjs.page);
        const { referral: current } = await manager.ok(`query($id: ID!) { referral(id: $id) { version } }`, {
          id: mine.referralId,
        });
        await manager.ok(`mutation($input: UpdateReferralDraftInput!) { updateReferralDraft(input: $input) { id } }`, {
          input: {
            referralId: mine.referralId,
            expectedVersion: current.version,
            familyViews: 'Nan visits on Sundays',
          },
        });
        await yjs.page.getByLabel('The child’s wishes').fill('Wants to live near his nan; home by 7pm');
        await yjs.page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(yjs.page.locator('.govuk-error-summary'), 'Someone else changed this referral');
        expect(await yjs.page.title()).toMatch(/^Error: /);
        expect(await yjs.page.getByLabel('The family’s views').inputValue()).toBe('Nan visits on Sundays');
        await check(yjs.page);
        await yjs.page.getByLabel('The child’s wishes').fill('Wants to live near his nan; home by 7pm');
        await yjs.page.getByRole('button', { name: 'Save the change' }).click();
        await expectText(yjs.page.locator('.govuk-notification-banner'), 'Referral changed');

        await yjs.page.getByRole('button', { name: 'Send referral' }).click();
        await expectText(yjs.page.locator('#referral-status'), 'Sent');
        expect(await yjs.page.locator('#change-details').count()).toBe(0);
        await check(yjs.page);
        // Sent again, it can no longer be changed: its address says so in the error summary, not "Page not found".
        const closed = await yjs.page.goto(`/referrals/${mine.referralId}/details`);
        expect(closed?.status()).toBe(409);
        await expectText(yjs.page.locator('.govuk-error-summary'), 'This referral cannot be changed now');
        await check(yjs.page);

        // The officer reads the answer, acknowledges, offers an address (a bad date first) and confirms it.
        await officer.page.goto(`/referrals/${mine.referralId}`);
        // The thread: the officer's own question first, the answer after it.
        await expectText(officer.page.locator('#messages ~ .app-message').first(), 'Is there a curfew');
        await expectText(officer.page.locator('#messages ~ .app-message').nth(1), 'Curfew 7pm to 7am');
        await expectText(officer.page.locator('main'), 'Wants to live near his nan; home by 7pm');
        await expectText(officer.page.locator('main'), 'Nan visits on Sundays');
        await officer.page.getByRole('button', { name: 'Acknowledge referral' }).click();
        await expectText(officer.page.locator('#referral-status'), 'Acknowledged');
        await officer.page.getByRole('button', { name: 'Offer a placement' }).click();
        await officer.page.getByLabel('Address').fill('14 Example Road, Northtown');
        await officer.page.getByLabel('Type of placement').fill('Supported lodgings');
        await officer.page.getByLabel('Provider').fill('Northtown Housing');
        await officer.page.getByLabel('Day').fill('31');
        await officer.page.getByLabel('Month').fill('2');
        await officer.page.getByLabel('Year').fill('2027');
        await officer.page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(officer.page.locator('.govuk-error-summary'), 'Start date must be a real date');
        await check(officer.page);
        await officer.page.getByLabel('Day').fill('28');
        await officer.page.getByRole('button', { name: 'Offer a placement' }).click();
        // Months from the release: said first, and offered when sent again unchanged.
        await expectText(officer.page.locator('#start-date-warning'), 'expected release');
        await officer.page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(officer.page.locator('h1'), 'Check your offer');
        await officer.page.getByRole('button', { name: 'Offer a placement' }).click();
        await expectText(officer.page.locator('#referral-status'), 'Offered');
        await officer.page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(officer.page.locator('h1'), 'Check before you confirm');
        await officer.page.getByRole('button', { name: 'Confirm the address' }).click();
        await expectText(officer.page.locator('.govuk-notification-banner'), 'Confirmed: the pathway is now arranged');
        await expectText(officer.page.locator('#referral-status'), 'Confirmed');
        await expectText(officer.page.locator('#referral-status'), 'Done');
        await check(officer.page);

        // The caseload shows accommodation arranged; the plan shows the deadline met; My plan says where he will live.
        await yjs.page.goto('/caseload');
        const row = yjs.page.locator('tr', { has: yjs.page.getByRole('link', { name: `${childName} Example` }) });
        await expectText(row, 'Accommodation: Arranged');
        await check(yjs.page);
        await row.getByRole('link', { name: `${childName} Example` }).click();
        const deadline = yjs.page.locator('tr', { hasText: 'Accommodation confirmed' });
        await expectText(deadline, 'Met');
        await check(yjs.page);
        await yjs.page.getByRole('link', { name: /My plan/ }).click();
        await expectHeading(yjs.page, `${childName}’s plan`);
        await expectText(yjs.page.locator('main'), '14 Example Road, Northtown');
        await check(yjs.page);

        // Southtown's officer cannot open Northtown's referral by its address, and does see their own.
        await h.signIn(other.page, EMAIL.otherOfficer);
        const response = await other.page.goto(`/referrals/${mine.referralId}`);
        expect(response?.status()).toBe(404);
        await expectHeading(other.page, 'Page not found');
        expect(await other.page.locator('main').textContent()).not.toContain(childName + ' Example');
        await check(other.page);
        await other.page.goto(`/referrals/${theirs.referralId}`);
        await expectHeading(other.page, `${childName}South Example`);

        // Signing out ends the session: the inbox asks for sign-in again.
        await officer.page.getByRole('button', { name: 'Sign out' }).click();
        await expectText(officer.page.locator('main'), 'You have signed out');
        await officer.page.goto('/referrals');
        expect(new URL(officer.page.url()).pathname).toBe('/sign-in');
        await check(officer.page);

        expect(violations).toEqual([]);
      } finally {
        await Promise.all([officer.context.close(), yjs.context.close(), other.context.close()]);
      }
    }, 180_000);
  }

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
    const side = javaScriptEnabled ? 'A' : 'B';
    const place = javaScriptEnabled ? 'Northtown' : 'Southtown';
    const domain = `${place.toLowerCase()}.example.com`;
    const newEmail = `new.starter@${domain}`;

    it(`a national admin sets ${place}’s email domains and invites someone, who creates their own password from the emailed link, ${run}`, async () => {
      violations = [];
      const admin = await h.person({ javaScriptEnabled });
      const invitee = await h.person({ javaScriptEnabled });
      const linkIn = async (nth: number) => {
        await relay.relayOnce();
        const mail = await eventually(
          async () => smtp.to(newEmail).filter((m) => m.subject === 'Resettle: choose your password')[nth - 1],
          `invitation email ${nth}`,
        );
        return new URL(/(http:\/\/127\.0\.0\.1:\d+\/invitation\/[A-Za-z0-9_-]{43})\n/.exec(mail.text)![1]).pathname;
      };
      try {
        // The admin lands on Users, finds the service, and gives it its staff's email domain (a shared one refused).
        await h.signIn(admin.page, EMAIL.admin);
        await expectHeading(admin.page, 'Users');
        await check(admin.page);
        await admin.page.getByLabel('Organisation name').fill(`${place} Youth`);
        await admin.page.getByRole('button', { name: 'Search' }).click();
        await admin.page.getByRole('link', { name: `${place} Youth Justice Service` }).click();
        await expectHeading(admin.page, `Users at ${place} Youth Justice Service`);
        await expectText(admin.page.locator('main'), 'None yet: nobody can be invited');
        await check(admin.page);
        await admin.page.getByRole('link', { name: 'Change email domains' }).click();
        await admin.page.getByLabel('Domains its staff use').fill('gov.uk');
        await admin.page.getByRole('button', { name: 'Save email domains' }).click();
        await expectText(admin.page.locator('.govuk-error-summary'), 'gov.uk is shared by many organisations');
        await check(admin.page);
        await admin.page.getByLabel('Domains its staff use').fill(domain);
        await admin.page.getByRole('button', { name: 'Save email domains' }).click();
        await expectText(admin.page.locator('.govuk-notification-banner'), 'Email domains saved');

        // Inviting: the form's own checks, then the api's (an address outside the domains), then it goes.
        await admin.page.getByRole('button', { name: 'Invite someone' }).click();
        await expectHeading(admin.page, 'Invite someone');
        await admin.page.getByRole('button', { name: 'Send invitation' }).click();
        await expectText(admin.page.locator('.govuk-error-summary'), 'Enter their first name');
        await expectText(admin.page.locator('.govuk-error-summary'), 'Select at least one role');
        await check(admin.page);
        await admin.page.getByLabel('First name').fill('Jordan');
        await admin.page.getByLabel('Last name').fill('Price');
        await admin.page.getByLabel('Email address').fill('jordan.price@admin.example.org');
        await admin.page.getByLabel('Case manager').check();
        await admin.page.getByRole('button', { name: 'Send invitation' }).click();
        await expectText(admin.page.locator('.govuk-error-summary'), `The email address must end with @${domain}`);
        await check(admin.page);
        await admin.page.getByLabel('Email address').fill(newEmail);
        await admin.page.getByRole('button', { name: 'Send invitation' }).click();
        await expectText(admin.page.locator('.govuk-notification-banner'), `Invitation sent to ${newEmail}`);
        const row = admin.page.locator('tr', { hasText: newEmail });
        await expectText(row, 'Invitation being sent');
        await check(admin.page);

        // The worker emails the link; sent again, the first link stops working.
        const first = await linkIn(1);
        await admin.page.reload();
        await expectText(row, 'Invited');
        await row.getByRole('button', { name: `Send invitation again to ${newEmail}` }).click();
        await expectText(
          admin.page.locator('.govuk-notification-banner'),
          `A new invitation is on its way to ${newEmail}`,
        );
        const second = await linkIn(2);
        const stale = await invitee.page.goto(first);
        expect(stale?.status()).toBe(410);
        await expectHeading(invitee.page, 'There is a newer link');
        expect(await invitee.page.locator('main').textContent()).not.toContain(newEmail);
        await check(invitee.page);

        // The invitee creates their password: not matching, then too short (the api's rule), then right.
        await invitee.page.goto(second);
        await expectHeading(invitee.page, 'Create your password');
        await expectText(invitee.page.locator('main'), newEmail);
        await check(invitee.page);
        await invitee.page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
        await invitee.page.getByLabel('Confirm password').fill('a different passphrase');
        await invitee.page.getByRole('button', { name: 'Create password' }).click();
        await expectText(invitee.page.locator('.govuk-error-summary'), 'The passwords do not match');
        expect(await invitee.page.title()).toMatch(/^Error: /);
        await check(invitee.page);
        await invitee.page.getByLabel('Password', { exact: true }).fill('too short');
        await invitee.page.getByLabel('Confirm password').fill('too short');
        await invitee.page.getByRole('button', { name: 'Create password' }).click();
        await expectText(invitee.page.locator('.govuk-error-summary'), 'Use at least 12 characters');
        await invitee.page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
        await invitee.page.getByLabel('Confirm password').fill('a long enough passphrase');
        await invitee.page.getByRole('button', { name: 'Create password' }).click();
        expect(new URL(invitee.page.url()).pathname).toBe('/sign-in');
        await expectText(
          invitee.page.locator('.govuk-notification-banner'),
          'Your password is set. Sign in with it now.',
        );
        expect(await invitee.page.getByLabel('Email address').inputValue()).toBe(newEmail);
        await check(invitee.page);
        await invitee.page.getByLabel('Password').fill('a long enough passphrase');
        await invitee.page.getByRole('button', { name: 'Sign in' }).click();
        await expectHeading(invitee.page, 'Caseload');
        // Used once, it works no more.
        await invitee.page.getByRole('button', { name: 'Sign out' }).click();
        expect((await invitee.page.goto(second))?.status()).toBe(410);
        await expectHeading(invitee.page, 'This link has already been used');
        await check(invitee.page);

        await admin.page.reload();
        await expectText(row, 'Active');
        expect(violations).toEqual([]);
      } finally {
        await Promise.all([admin.context.close(), invitee.context.close()]);
      }
      // The service's manager heard that someone outside it made the account.
      const managerId = side === 'A' ? manager.userId : undefined;
      if (managerId) {
        const notices = await h.t.dataSource.query(
          `SELECT title FROM notification WHERE recipient_user_id = $1 AND kind = 'ACCOUNT_CHANGE'`,
          [managerId],
        );
        expect(notices).toEqual([{ title: `New account at ${place} Youth Justice Service: ${newEmail}` }]);
      }
    }, 180_000);
  }

  it('a manager sees only their own service’s users, and an unknown invitation link is a GOV.UK 404', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, 'manager.a@portal.example.com');
      await page.getByRole('link', { name: 'Users' }).click();
      await expectHeading(page, 'Users at Northtown Youth Justice Service');
      await expectText(page.locator('#users'), EMAIL.caseManager);
      expect(await page.getByRole('link', { name: 'Change email domains' }).count()).toBe(0);
      expect(await h.accessibilityViolations(page)).toEqual([]);
      expect((await page.goto(`/users?organisationId=${org.yjsB.id}`))?.status()).toBe(404);
      expect((await page.goto(`/organisations/${org.yjsA.id}/email-domains`))?.status()).toBe(403);
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect((await page.goto(`/invitation/${'x'.repeat(43)}`))?.status()).toBe(404);
      await expectHeading(page, 'This link is not right');
    } finally {
      await context.close();
    }
  });

  it.each([
    ['Reuben', false],
    ['Tobias', true],
  ])(
    'the case manager makes an accommodation referral from the plan, checks it before sending and is warned of one already open (%s, JavaScript: %s)',
    async (givenName, js) => {
      await childInCustody(givenName, 'A');
      const yjs = await h.person({ javaScriptEnabled: js });
      const officer = await h.person({ javaScriptEnabled: false });
      const look = async () => {
        expect(await h.accessibilityViolations(yjs.page)).toEqual([]);
        await yjs.page.setViewportSize({ width: 320, height: 640 });
        expect(await pageWidth(yjs.page)).toBeLessThanOrEqual(320);
        await yjs.page.setViewportSize({ width: 1024, height: 768 });
      };
      try {
        await h.signIn(yjs.page, EMAIL.caseManager);
        await yjs.page.goto('/caseload');
        await yjs.page.getByRole('link', { name: `${givenName} Example` }).click();
        await yjs.page.getByRole('link', { name: 'Make a referral for accommodation' }).click();
        await expectHeading(yjs.page, 'Make an accommodation referral');
        expect(await yjs.page.locator('#existing-referral').count()).toBe(0);
        await look();
        // Sent with nobody chosen: the error summary, and nothing made.
        await yjs.page.getByRole('button', { name: 'Send referral' }).click();
        await expectText(yjs.page.locator('.govuk-error-summary'), 'Select who the referral is to');
        await look();
        // The search finds another area's council; the child's own is listed from the start.
        await yjs.page.getByLabel('Find another organisation by name').fill('Southtown');
        await yjs.page.getByRole('button', { name: 'Search' }).click();
        await expectText(yjs.page.locator('form .govuk-radios'), 'Southtown Council');
        await yjs.page.getByLabel('Northtown Council').check();
        // Nothing said about the child: the check step warns, and goes back with what was chosen.
        await yjs.page.getByLabel('The child’s wishes').fill('');
        await yjs.page.getByRole('button', { name: 'Send referral' }).click();
        await expectHeading(yjs.page, 'Check the referral before sending');
        await expectText(yjs.page.locator('#nothing-said'), 'You have not given the child’s wishes');
        await expectText(yjs.page.locator('#answers'), 'Northtown Council');
        await look();
        await yjs.page.getByRole('button', { name: 'Change the answers' }).click();
        await expectHeading(yjs.page, 'Make an accommodation referral');
        expect(await yjs.page.getByLabel('Northtown Council').isChecked()).toBe(true);
        await yjs.page.getByLabel('The child’s wishes').fill('To live with his aunt in Northtown');
        await yjs.page.getByRole('button', { name: 'Send referral' }).click();
        await expectHeading(yjs.page, 'Check the referral before sending');
        expect(await yjs.page.locator('#nothing-said').count()).toBe(0);
        await expectText(yjs.page.locator('#answers'), 'To live with his aunt in Northtown');
        await yjs.page.getByRole('button', { name: 'Send referral' }).click();
        await expectText(yjs.page.locator('.govuk-notification-banner'), 'Referral sent');
        await expectText(yjs.page.locator('#referral-status'), 'Sent');
        await expectText(yjs.page.locator('main'), 'To live with his aunt in Northtown');
        const referralUrl = new URL(yjs.page.url()).pathname;

        // A second referral from the same pathway: warned of the one already open, with a link to it.
        await yjs.page.goto('/caseload');
        await yjs.page.getByRole('link', { name: `${givenName} Example` }).click();
        await yjs.page.getByRole('link', { name: 'Make a referral for accommodation' }).click();
        await expectText(yjs.page.locator('#existing-referral'), 'A referral for this is already open');
        expect(
          await yjs.page
            .locator('#existing-referral')
            .getByRole('link', { name: 'Accommodation referral to Northtown Council' })
            .getAttribute('href'),
        ).toBe(referralUrl);
        await look();

        await h.signIn(officer.page, EMAIL.officer);
        await officer.page.goto('/referrals');
        await officer.page.getByRole('link', { name: `${givenName} Example` }).click();
        await expectText(officer.page.locator('#referral-status'), 'New');
        await expectText(officer.page.locator('main'), 'To live with his aunt in Northtown');
      } finally {
        await Promise.all([yjs.context.close(), officer.context.close()]);
      }
    },
    120_000,
  );

  it('the officer is told a referral has arrived, follows the notification to it (which reads it), and marks all read', async () => {
    const { referralId } = await childWithReferral('Noah', 'A');
    await childWithReferral('Nia', 'A');
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, EMAIL.officer);
      await page.getByRole('link', { name: 'Notifications' }).click();
      const notice = page
        .getByRole('link', { name: 'New accommodation referral for N.E.' })
        .and(page.locator(`[href="/referrals/${referralId}"]`));
      await notice.waitFor();
      expect(await h.accessibilityViolations(page)).toEqual([]);
      await notice.click();
      expect(new URL(page.url()).pathname).toBe(`/referrals/${referralId}`);
      // Opening the referral read its notification; the other referral's is still unread.
      const read = await h.t.dataSource.query(
        `SELECT n.link, n.read_at IS NOT NULL AS read FROM notification n JOIN app_user u ON u.id = n.recipient_user_id
          WHERE u.email = $1 AND n.title LIKE 'New accommodation referral for N.E.%' ORDER BY n.created_at`,
        [EMAIL.officer],
      );
      expect(read).toEqual(
        expect.arrayContaining([
          { link: `/referrals/${referralId}`, read: true },
          expect.objectContaining({ read: false }),
        ]),
      );
      await page.goto('/notifications');
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await expectText(page.locator('.govuk-notification-banner'), 'marked as read');
      await expectText(page.locator('#unread-count'), '0 unread');
    } finally {
      await context.close();
    }
  });

  it('a health partner has the same portal for their own referrals only', async () => {
    const child = await childWithReferral('Idris', 'A');
    const mentalHealth = child.pathways.find((p) => p.type === 'MENTAL_HEALTH')!;
    const { createReferral } = await manager.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          pathwayId: mentalHealth.id,
          type: 'HEALTH',
          toOrganisationId: org.health.id,
          needsAndRisks: 'Low mood; was seeing CAMHS before custody',
        },
      },
    );
    await manager.ok(`mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id } }`, {
      input: { referralId: createReferral.id, expectedVersion: createReferral.version },
    });
    const { context, page } = await h.person({ javaScriptEnabled: true });
    try {
      await h.signIn(page, EMAIL.practitioner);
      expect(new URL(page.url()).pathname).toBe('/referrals');
      await expectHeading(page, 'Referrals to Northtown CAMHS');
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBe(1);
      await expectText(rows.first(), 'Health');
      expect(await h.accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Idris Example' }).click();
      await expectText(page.locator('main'), 'Low mood; was seeing CAMHS before custody');
      await page.getByRole('button', { name: 'Acknowledge referral' }).click();
      await expectText(page.locator('#referral-status'), 'Acknowledged');
      await expectText(page.locator('#actions'), 'Offer a place');
      expect(await h.accessibilityViolations(page)).toEqual([]);
      // The accommodation referral of the same child is not theirs.
      expect((await page.goto(`/referrals/${child.referralId}`))?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  it('requests racing to renew an expiring token all go through, and the session keeps working', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    const redis = new (require('ioredis'))(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      await h.signIn(page, EMAIL.officer);
      const sessionId = decodeURIComponent(
        (await context.cookies()).find((c) => c.name === 'resettle.sid')!.value,
      ).split('.')[0];
      const key = `${h.queuePrefix}:portal:tokens:${sessionId}`;
      const stored = JSON.parse(await redis.get(key));
      const before = stored.accessToken;
      // The access token is about to run out: the next requests must renew it, and all at once.
      stored.expiresAt = new Date(Date.now() + 1000).toISOString();
      await redis.set(key, JSON.stringify(stored), 'KEEPTTL');
      const responses = await Promise.all([1, 2, 3, 4].map(() => page.request.get('/referrals')));
      for (const r of responses) {
        expect(new URL(r.url()).pathname).toBe('/referrals');
        expect(await r.text()).toContain('Referrals to Northtown Council');
      }
      const after = JSON.parse(await redis.get(key));
      expect(after.accessToken).not.toBe(before);
      expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
      await page.goto('/referrals');
      await expectHeading(page, 'Referrals to Northtown Council');
    } finally {
      redis.disconnect();
      await context.close();
    }
  });

  it('a national admin lands on Users and has their account; an unknown address is a GOV.UK 404', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: true });
    try {
      await h.signIn(page, EMAIL.admin);
      expect(new URL(page.url()).pathname).toBe('/users');
      await page.goto('/account');
      await expectText(page.locator('main'), 'NATIONAL_ADMIN');
      expect(await h.accessibilityViolations(page)).toEqual([]);
      // The api refuses the operation itself (no caseload capability): "You cannot do this".
      expect((await page.goto('/caseload'))?.status()).toBe(403);
      await expectHeading(page, 'You cannot do this');
      expect((await page.goto('/no-such-page'))?.status()).toBe(404);
      await expectHeading(page, 'Page not found');
    } finally {
      await context.close();
    }
  });

  it('an account disabled mid-session is signed out at its next page, not sent round in circles', async () => {
    const email = 'leaving.officer@portal.example.com';
    const leaver = await h.t.userSession({ organisationId: org.laA.id, roles: [Role.LA_ACCOMMODATION_OFFICER], email });
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, email);
      await expectHeading(page, 'Referrals to Northtown Council');
      // A manager disables the account: the api refuses its still-valid token from the next request on.
      await h.t.dataSource.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [leaver.userId]);
      const response = await page.goto('/referrals');
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expectHeading(page, 'Sign in to Resettle');
      expect(await page.locator('.app-account-bar').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a form posted without its CSRF token is refused and changes nothing', async () => {
    const { referralId } = await childWithReferral('Ellis', 'A');
    const officer = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(officer.page, EMAIL.officer);
      const response = await officer.page.request.post(`/referrals/${referralId}/acknowledge`, {
        form: { expectedVersion: '2' },
      });
      expect(response.status()).toBe(419);
      expect(await response.text()).toContain('This form has expired');
      const { referral } = await manager.ok(`query($id: ID!) { referral(id: $id) { status } }`, { id: referralId });
      expect(referral.status).toBe('SENT');
    } finally {
      await officer.context.close();
    }
  });

  it('a wrong password gets the GOV.UK error summary; sessions live in Redis, not in the cookie, and time out', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: true });
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(EMAIL.officer);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectText(page.locator('.govuk-error-summary'), 'Email or password is not right');
      expect(await h.accessibilityViolations(page)).toEqual([]);
      await h.signIn(page, EMAIL.officer);
      const cookie = (await context.cookies()).find((c) => c.name === 'resettle.sid');
      // httpOnly, and a browser-session cookie (expires -1): gone when a shared computer's browser closes.
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', expires: -1 });
      // The cookie carries only the signed session id; the tokens are in Redis under the portal's prefix.
      expect(cookie!.value).not.toContain('.ey');
      const sessionId = decodeURIComponent(cookie!.value).split('.')[0];
      const redis = new (require('ioredis'))(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        const stored = JSON.parse(await redis.get(`${h.queuePrefix}:portal:session:${sessionId}`));
        expect(stored.user.email).toBe(EMAIL.officer);
        // The tokens have a key of their own, whose lifetime is the idle timeout (SESSION_IDLE_MINUTES, 120).
        const tokensKey = `${h.queuePrefix}:portal:tokens:${sessionId}`;
        expect(JSON.parse(await redis.get(tokensKey)).accessToken).toEqual(expect.any(String));
        expect(await redis.ttl(tokensKey)).toBeGreaterThan(119 * 60);
        // Idle past the timeout (the key gone): the next page asks for sign-in, and the session is ended.
        await redis.del(tokensKey);
        await page.goto('/referrals');
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        expect(await redis.get(`${h.queuePrefix}:portal:session:${sessionId}`)).toBeNull();
      } finally {
        redis.disconnect();
      }
    } finally {
      await context.close();
    }
  });
});

async function expectHeading(page: Page, text: string): Promise<void> {
  await expectText(page.locator('h1'), text);
}
