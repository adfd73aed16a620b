import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { addDays, Clock } from '@resettle/common';
import { DeadlineWorld } from './support/deadline-world';
import { insertDirectory } from './support/fixtures';
import { pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Session } from './support/test-app';

/**
 * Issue 20's deadlines page, where every deadline notification links (`/episodes/<id>/milestones`), in a real
 * browser with and without JavaScript: a child sentenced five weeks ago has missed their first deadlines, and the
 * deadline engine (a worker in this process, on the service's clock) has escalated them up the ladder. The case
 * manager follows each notification to a page that exists and sees each deadline's date, why, the fact that met it
 * and who was told; a manager waives one with a reason; a stale waive is refused with the current state; another
 * area's manager gets the not-found page. Waiving goes through a check step (what, for whom, the reason) before it
 * is made. axe checks every state; nothing scrolls sideways at 320 px.
 */
describe('portal: a child’s deadlines (browser)', () => {
  let h: PortalHarness;
  let worker: INestApplicationContext;
  let manager: Session & { userId: string };
  let dir: Awaited<ReturnType<typeof insertDirectory>>;
  const EMAIL = {
    manager: 'deadlines.manager@portal.example.com',
    caseManager: 'deadlines.case.manager@portal.example.com',
    otherManager: 'deadlines.kent.manager@portal.example.com',
  };
  let caseManagerId: string;
  const episodes: Record<'js' | 'nojs', string> = { js: '', nojs: '' };
  const MILESTONES = `query($id: ID!) { milestones(episodeId: $id) { id key status version
    notificationsSent { kind step forDueDate sentAt recipientName } } }`;

  const violations: string[] = [];
  const check = async (page: Page) => violations.push(...(await h.accessibilityViolations(page)));

  /** A child sentenced 35 days ago (their first deadlines long missed), with a college place recorded. */
  const child = async (name: string): Promise<string> => {
    const today = h.t.clock.today();
    const { registerChild } = await manager.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: name,
          familyName: 'Deadlines',
          dateOfBirth: '2010-03-01',
          gender: 'MALE',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
        },
      },
    );
    const { startCustodialEpisode } = await manager.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id resettlementPlan { id } } }`,
      {
        input: {
          childId: registerChild.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.leedsYjs.id,
          caseManagerId,
          sentence: {
            sentenceType: 'DTO',
            sentenceDate: addDays(today, -35),
            termMonths: 12,
            remandDays: 0,
            taggedBailDays: 0,
            qualifyingSeriousOffence: false,
            excludedFromFortyPercentRelease: false,
          },
        },
      },
    );
    await manager.ok(`mutation($input: RecordEtePlacementInput!) { recordEtePlacement(input: $input) { id } }`, {
      input: {
        planId: startCustodialEpisode.resettlementPlan.id,
        provider: 'Leeds City College',
        startDate: addDays(today, 30),
        hoursPerWeek: 16,
        confirmedBy: 'Jo Bell, admissions',
      },
    });
    return startCustodialEpisode.id;
  };

  beforeAll(async () => {
    h = await PortalHarness.start();
    dir = await insertDirectory(h.t.dataSource);
    manager = await h.t.userSession({
      organisationId: dir.leedsYjs.id,
      roles: [Role.YJS_MANAGER],
      email: EMAIL.manager,
      givenName: 'Morgan',
      familyName: 'Lee',
    });
    await h.t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      dir.leedsYjs.id,
      manager.userId,
    ]);
    caseManagerId = (
      await h.t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: [Role.YJS_CASE_MANAGER],
        email: EMAIL.caseManager,
        givenName: 'Sam',
        familyName: 'Okafor',
      })
    ).userId;
    await h.t.userSession({ organisationId: dir.kentYjs.id, roles: [Role.YJS_MANAGER], email: EMAIL.otherManager });
    episodes.js = await child('Jay');
    episodes.nojs = await child('Noah');
    // The deadline engine, on the service's clock: at its start it runs every overdue action, up the ladder.
    const { createWorkerApp } =
      require('../apps/worker/src/create-worker-app') as typeof import('../apps/worker/src/create-worker-app');
    worker = await createWorkerApp((b) => b.overrideProvider(Clock).useValue(h.t.clock));
    await DeadlineWorld.until('every missed deadline escalated to level 3', async () => {
      const [{ n }] = await h.t.dataSource.query(
        `SELECT count(*)::int AS n FROM milestone_escalation e JOIN milestone m ON m.id = e.milestone_id
          WHERE m.episode_id = ANY($1::uuid[]) AND e.level = 3`,
        [[episodes.js, episodes.nojs]],
      );
      return n === 4;
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await h?.stop();
  });

  describe('api: Milestone.notificationsSent', () => {
    it('says who was reminded and escalated to, by name and level, for whoever may read the child', async () => {
      const { milestones } = await manager.ok(MILESTONES, { id: episodes.js });
      const initial = milestones.find((m: any) => m.key === 'INITIAL_PLANNING_MEETING');
      expect(initial.status).toBe('MISSED');
      const told = initial.notificationsSent.map((n: any) => `${n.kind}:${n.step}:${n.recipientName}`);
      // Level 1 the case manager; 2 the service's managers; 3 the head of service (the same manager, told again).
      expect(told.sort()).toEqual(['ESCALATION:1:Sam Okafor', 'ESCALATION:2:Morgan Lee', 'ESCALATION:3:Morgan Lee']);
      expect(JSON.stringify(milestones)).not.toContain(caseManagerId);
      const pending = milestones.find((m: any) => m.key === 'PRE_RELEASE_MEETING_HELD');
      expect(pending.notificationsSent).toEqual([]);
    });

    it('gives another area NOT_FOUND', async () => {
      const kent = await h.t.signIn(EMAIL.otherManager, 'correct horse battery staple');
      const res = await kent.graphql(MILESTONES, { id: episodes.js });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe.each([
    ['with JavaScript', true, 'js'],
    ['without JavaScript', false, 'nojs'],
  ] as const)('%s', (_label, javaScriptEnabled, run) => {
    it('every notification’s link lands on a page that exists, showing dates, why, evidence and who was told', async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, EMAIL.caseManager);
        await page.goto('/notifications');
        await check(page);
        const hrefs = await page.locator('.app-message a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of new Set(hrefs)) {
          const response = await page.goto(href!);
          expect({ href, status: response?.status() }).toEqual({ href, status: 200 });
          expect(await page.locator('h1').innerText()).not.toBe('Page not found');
        }
        await page.goto(`/episodes/${episodes[run]}/milestones`);
        const text = await page.locator('main').innerText();
        expect(text).toContain('Initial planning meeting held');
        expect(text).toContain('10 working days after the sentence date');
        expect(text).toMatch(/\d+ days overdue/);
        expect(text).toContain('Escalated (level 1, the case manager) to Sam Okafor');
        expect(text).toContain('Escalated (level 3, the head of service) to Morgan Lee');
        expect(text).toContain('Education place at Leeds City College from');
        expect(text).toContain('14 days before the earliest release date');
        expect(text).not.toContain('EtePlacement');
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(
          await page.getByRole('link', { name: 'Record the accommodation arrangement' }).getAttribute('href'),
        ).toBe(`/episodes/${episodes[run]}/record/accommodation-arrangement`);
        // A case manager may not waive: no form.
        expect(await page.getByRole('button', { name: /Waive/ }).count()).toBe(0);
        await check(page);
        await page.setViewportSize({ width: 320, height: 800 });
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        await check(page);
      } finally {
        await context.close();
      }
    });

    it('a manager waives with a reason; a stale waive shows the error summary and the current state', async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, EMAIL.manager);
        await page.goto(`/plans/${episodes[run]}`);
        await page.getByRole('link', { name: /All deadlines/ }).click();
        await page.waitForURL(`**/episodes/${episodes[run]}/milestones`);
        const card = (id: string) => page.locator(`#milestone-${id}`);
        const { milestones } = await manager.ok(MILESTONES, { id: episodes[run] });
        const initial = milestones.find((m: any) => m.key === 'INITIAL_PLANNING_MEETING');
        const referral = milestones.find((m: any) => m.key === 'ACCOMMODATION_REFERRAL_SENT');

        // No reason: the error summary, nothing waived.
        await card(initial.id).getByRole('button', { name: /Waive/ }).click();
        await expect(page.title()).resolves.toMatch(/^Error:/);
        expect(await page.locator('.govuk-error-summary').innerText()).toContain(
          'Enter why the deadline no longer applies',
        );
        await check(page);

        await card(initial.id)
          .getByLabel(/Reason for waiving/)
          .fill('The child’s sentence was quashed on appeal.');
        await card(initial.id).getByRole('button', { name: /Waive/ }).click();
        // The check step: what, for whom, why; nothing waived yet.
        await page.getByRole('heading', { name: 'Check before you waive this deadline' }).waitFor();
        expect(await page.locator('#waive-summary').innerText()).toBe(
          `You are waiving initial planning meeting held for ${run === 'js' ? 'Jay' : 'Noah'} Deadlines.`,
        );
        expect(await page.locator('#waive-answers').innerText()).toContain(
          'The child’s sentence was quashed on appeal.',
        );
        const before = (await manager.ok(MILESTONES, { id: episodes[run] })).milestones;
        expect(before.find((m: any) => m.id === initial.id).status).toBe('MISSED');
        await check(page);
        await page.getByRole('button', { name: 'Confirm and waive' }).click();
        await page.waitForURL(`**/episodes/${episodes[run]}/milestones`);
        expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Deadline waived');
        expect(await card(initial.id).innerText()).toContain('The child’s sentence was quashed on appeal.');
        expect(await card(initial.id).innerText()).toContain('By Morgan Lee');
        expect(await card(initial.id).getByRole('button').count()).toBe(0);
        await check(page);

        // Someone else waives the referral deadline while this page is open: this one is refused, nothing overwritten.
        await manager.ok(`mutation($input: WaiveMilestoneInput!) { waiveMilestone(input: $input) { id } }`, {
          input: { milestoneId: referral.id, expectedVersion: referral.version, reason: 'Waived by a colleague first' },
        });
        await card(referral.id)
          .getByLabel(/Reason for waiving/)
          .fill('A second reason that must not win.');
        const response = page.waitForResponse((r) => r.request().method() === 'POST');
        await card(referral.id).getByRole('button', { name: /Waive/ }).click();
        expect((await response).status()).toBe(409);
        await expect(page.title()).resolves.toMatch(/^Error:/);
        expect(await page.locator('.govuk-error-summary').innerText()).toContain('changed while you were looking');
        expect(await card(referral.id).innerText()).toContain('Waived by a colleague first');
        expect(await card(referral.id).innerText()).not.toContain('A second reason that must not win.');
        await check(page);
      } finally {
        await context.close();
      }
    });

    it('another area’s manager gets the not-found page', async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, EMAIL.otherManager);
        const response = await page.goto(`/episodes/${episodes[run]}/milestones`);
        expect(response?.status()).toBe(404);
        expect(await page.locator('h1').innerText()).toBe('Page not found');
        await check(page);
      } finally {
        await context.close();
      }
    });
  });

  it('is accessible in every state visited', () => {
    expect(violations).toEqual([]);
  });
});
