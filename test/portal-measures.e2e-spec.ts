import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { addDays, todayIso } from '@resettle/common';
import { govukDate } from '../apps/portal/src/http/view-filters';
import { measuresPeriods } from '../apps/portal/src/measures/measures-view';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';

/**
 * The measures page (issue 23, first slice): a youth justice manager picks a period with a plain GET form and sees the
 * suppressed tables, and downloads them as CSV; with and without JavaScript, axe-clean, no sideways scroll at 320 px.
 * A national admin chooses whose measures (a service, an establishment, a local authority, a region, England and
 * Wales) in the same GET form; an establishment manager and a council's lead open on their own.
 * The portal runs on today's date, so the page opens on last month. Every figure and suppression rule is checked in
 * test/measures.e2e-spec.ts; here only what the reader sees.
 *
 * Side A's service released 10 children on the 20th of last month: 5 with an address confirmed 30 days before and an
 * ETE place, 5 with neither. Address bands 5, 0, 0, 5 of 10: the zeros are hidden, which would give the first 5
 * away, so it is hidden too; ETE 5 and 5 of 10, both shown (50%). The breakdowns show the same by each characteristic.
 * The same five have a plan explained to them 25 days before release (nothing on its pathways, not agreed), the other
 * five no plan: explained 5 and 5 (50%); views and agreement 0 and 10, all hidden; no planning meeting held. The five
 * with a plan slept the first night where planned and had the release-day plan confirmed 2 days before (5 and 5,
 * 50%); nobody's education was recorded as started nor health handed over (0 and 10, hidden). In the breakdowns and
 * the trend the address is cumulative: at least 14 days 5 of 10 (shown), at least 28 days 5 too, hidden (5 - 5 gives
 * the 0 between them away). Nobody
 * was allocated a case manager and no intervention is repeated (10 and 0: all hidden), no deadline was escalated
 * (10 of each kind, none escalated: hidden with the zeros; all kinds together 20, 0, 0, 0 hidden likewise, and its
 * total 20 too, since the kinds' totals 10 and 10 shown would give the other kinds' zeros away), and no council
 * answered a referral. Education Provider A acknowledged five of the service's education referrals on the 10th of last
 * month, in 1, 2, 2, 3 and 6 working days: 5 answered, median 2, 90th percentile 6, for it and for all providers.
 */
describe('portal: resettlement measures (browser)', () => {
  let h: PortalHarness;
  let w: AccessWorld;
  const MANAGER = 'measures.manager@example.com';
  const ADMIN = 'measures.admin@example.com';
  const ESTABLISHMENT_MANAGER = 'measures.establishment@example.com';
  const COUNCIL_LEAD = 'measures.lead@example.com';
  const COUNCIL_OFFICER = 'measures.officer@example.com';
  const F = 'fewer than 5';
  const [lastMonth, monthBefore] = measuresPeriods(todayIso(new Date()));
  const released = addDays(lastMonth.from, 19);

  beforeAll(async () => {
    h = await PortalHarness.start();
    w = await buildAccessWorld(h.t);
    await h.t.userSession({ organisationId: w.a.youthJusticeService.id, roles: [Role.YJS_MANAGER], email: MANAGER });
    await h.t.userSession({ organisationId: w.nationalBody.id, roles: [Role.NATIONAL_ADMIN], email: ADMIN });
    await h.t.userSession({
      organisationId: w.a.establishment.id,
      roles: [Role.ESTABLISHMENT_MANAGER],
      email: ESTABLISHMENT_MANAGER,
    });
    const lead = await h.t.userSession({
      organisationId: w.a.localAuthority.id,
      roles: [Role.LA_CHILDRENS_SERVICES],
      email: COUNCIL_LEAD,
    });
    await h.t.userSession({
      organisationId: w.a.localAuthority.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: COUNCIL_OFFICER,
    });
    await h.t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      w.a.localAuthority.id,
      lead.userId,
    ]);
    await h.t.dataSource.query(`UPDATE organisation SET region = 'North West' WHERE id = $1`, [
      w.a.youthJusticeService.id,
    ]);
    for (let i = 0; i < 10; i++) {
      const id = randomUUID();
      await h.t.dataSource.query(
        `INSERT INTO custodial_episode
           SELECT (jsonb_populate_record(e, jsonb_build_object('id', $2::uuid, 'status', 'RELEASED',
                   'released_at', ($3::date + TIME '12:00') AT TIME ZONE 'Europe/London',
                   'expected_release_date', $3::date))).*
             FROM custodial_episode e WHERE e.id = $1`,
        [w.a.episode.id, id, released],
      );
      for (const key of ['ACCOMMODATION_CONFIRMED', 'ETE_PLACE_CONFIRMED']) {
        await h.t.dataSource.query(
          `INSERT INTO milestone (episode_id, child_id, key, due_date, status, met_at, version)
           VALUES ($1, $2, $3, $4::date - 28, $5,
                   CASE WHEN $6::boolean THEN ($4::date - 30 + TIME '12:00') AT TIME ZONE 'Europe/London' END, 1)`,
          [id, w.a.child.id, key, released, i < 5 ? 'MET' : 'PENDING', i < 5],
        );
      }
      if (i < 5) {
        const [plan] = await h.t.dataSource.query(
          `INSERT INTO resettlement_plan (episode_id, child_id, explained_on, child_agreement, version)
           VALUES ($1, $2, $3::date - 25, 'PARTLY_AGREES', 1) RETURNING id`,
          [id, w.a.child.id, released],
        );
        await h.t.dataSource.query(
          `INSERT INTO release_record (plan_id, released_at, met_at_gate, first_night_address,
                                       first_night_placement_type, first_night_as_planned, version)
           VALUES ($1, ($2::date + TIME '12:00') AT TIME ZONE 'Europe/London', true, '1 High Street', 'FAMILY_HOME',
                   true, 1)`,
          [plan.id, released],
        );
        await h.t.dataSource.query(
          `INSERT INTO release_day_plan (plan_id, confirmed_at, version)
           VALUES ($1, ($2::date - 2 + TIME '12:00') AT TIME ZONE 'Europe/London', 1)`,
          [plan.id, released],
        );
      }
    }
    const [referral] = await h.t.dataSource.query(
      `INSERT INTO referral (type, status, child_id, episode_id, plan_id, pathway_id, from_service_id,
                             to_organisation_id, created_by_id, version)
       SELECT 'EDUCATION', 'CONFIRMED', e.child_id, e.id, p.id, w.id, e.supervising_service_id, $2, $3, 1
         FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
         JOIN pathway w ON w.plan_id = p.id AND w.type = 'EDUCATION_TRAINING_EMPLOYMENT'
        WHERE e.id = $1
       RETURNING id, from_service_id`,
      [w.a.episode.id, w.a.educationProvider.id, w.a.colleagueOf[w.a.youthJusticeService.id].id],
    );
    for (const [i, days] of [1, 2, 2, 3, 6].entries())
      await h.t.dataSource.query(
        `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id,
                                             answered_at, due_date, working_days, referral_type)
         VALUES ($1, ($2::date + TIME '09:00') AT TIME ZONE 'Europe/London' - make_interval(days => $3), 'ACKNOWLEDGE',
                 $4, $5, ($2::date + TIME '12:00') AT TIME ZONE 'Europe/London', NULL, $6, 'EDUCATION')`,
        [referral.id, addDays(lastMonth.from, 9), i + 1, w.a.educationProvider.id, referral.from_service_id, days],
      );
  });
  afterAll(async () => h?.stop());

  it.each([true, false])('a manager sees last month’s measures and downloads them (JavaScript %s)', async (js) => {
    const { context, page } = await h.person({ javaScriptEnabled: js });
    try {
      await h.signIn(page, MANAGER);
      await page.getByRole('link', { name: 'Measures' }).click();
      await page.waitForURL('**/measures');
      await expectText(
        page,
        `Children released from ${govukDate(lastMonth.from)} to ${govukDate(lastMonth.to)}, Youth Justice Service A: 10.`,
      );
      // The bands are 5, 0, 0, 5. Alone the headline would show "not by release", 5; but the breakdowns and the trend
      // show the address at least 14 days before, 5 of the 10 (see below), and 10 - 5 - 5 would give the 0 fewer than
      // 14 days before away: it is hidden too (a reader knows 28+ and 14-27 add up to 5, the other two to 5).
      expect(await rows(page, 'measures-accommodation')).toEqual([
        ['Address confirmed 28 days or more before release', F, '10', 'Not shown'],
        ['Address confirmed 14 to 27 days before release', F, '10', 'Not shown'],
        ['Address confirmed fewer than 14 days before release, by the day of release', F, '10', 'Not shown'],
        ['No address confirmed by the day of release', F, '10', 'Not shown'],
      ]);
      expect((await rows(page, 'measures-ete'))[0]).toEqual([
        'Education, training or employment place confirmed by the day of release',
        '5',
        '10',
        '50%',
      ]);
      // What happened at release: the five with a plan slept where planned and had the day's plan confirmed.
      expect(await rows(page, 'measures-release')).toEqual([
        ['First night at the accommodation planned', '5', '10', '50%'],
        ['First night not at the accommodation planned, or not recorded', '5', '10', '50%'],
        ['Education, training or employment started as planned', F, '10', 'Not shown'],
        ['Education, training or employment not started as planned, or not recorded', F, '10', 'Not shown'],
        ['Health handover arranged by the day of release', F, '10', 'Not shown'],
        ['Health handover not arranged by the day of release', F, '10', 'Not shown'],
        ['Release-day plan confirmed by the day of release', '5', '10', '50%'],
        ['Release-day plan not confirmed by the day of release', '5', '10', '50%'],
      ]);
      // The plan and its meetings.
      expect(await rows(page, 'measures-plan')).toEqual([
        ['Plan with the child’s own view on every active pathway', F, '10', 'Not shown'],
        ['Plan without the child’s view on every active pathway', F, '10', 'Not shown'],
        ['Plan explained to the child by the day of release', '5', '10', '50%'],
        ['Plan not explained to the child by the day of release', '5', '10', '50%'],
        ['Plan agreed by the day of release', F, '10', 'Not shown'],
        ['Plan not agreed by the day of release', F, '10', 'Not shown'],
      ]);
      expect((await rows(page, 'measures-meetings')).map((r) => r[1])).toEqual([F, F, F, F]);
      expect((await rows(page, 'measures-continuity')).map((r) => r[1])).toEqual([F, F, F, F, F, F]);
      expect(await rows(page, 'measures-escalations')).toContainEqual(['Accommodation confirmed', F, F, F, F, '10']);
      expect(await rows(page, 'response-times-acknowledge')).toEqual([['All councils', F, 'Not shown', 'Not shown']]);
      // All kinds of deadline together: every count hidden (see above).
      expect((await rows(page, 'measures-escalations')).at(-1)).toEqual(['All kinds of deadline', F, F, F, F, F]);
      expect(await rows(page, 'provider-response-times-acknowledge')).toEqual([
        ['All providers', '5', '2', '6'],
        ['Education Provider A', '5', '2', '6'],
      ]);
      expect(await rows(page, 'provider-response-times-offer')).toEqual([
        ['All providers', F, 'Not shown', 'Not shown'],
        ['Education Provider A', F, 'Not shown', 'Not shown'],
      ]);
      // The trend: a chart a section, each described by its heading, and its numbers, last month the last row. The
      // address at least 28 days before (5) is hidden: at least 14 days is 5 too, and 5 - 5 would give the 0 between
      // them away.
      for (const section of ['before-release', 'plan', 'at-release'])
        await expect(
          page.locator(`figure.app-chart svg[role="img"][aria-labelledby="trend-${section}-title"]`).count(),
        ).resolves.toBe(1);
      const trend = await rows(page, 'measures-trend-before-release');
      expect(trend).toHaveLength(12);
      expect(trend[11]).toEqual([lastMonth.text, '10', F, '5 (50%)', F, '5 (50%)']);
      expect(trend[10]).toEqual([monthBefore.text, F, F, F, F, F]);
      expect((await rows(page, 'measures-trend-plan'))[11]).toEqual([lastMonth.text, '10', F, '5 (50%)', F, F, F]);
      expect((await rows(page, 'measures-trend-at-release'))[11]).toEqual([
        lastMonth.text,
        '10',
        '5 (50%)',
        F,
        F,
        '5 (50%)',
      ]);
      // All ten are the same child's episodes, so one group in each breakdown: the largest, against itself. A table
      // a section, in a details component a characteristic.
      const [byGender, ...others] = await rows(page, 'breakdown-gender-before-release');
      expect(others).toEqual([]);
      expect(byGender.slice(1)).toEqual([
        '10',
        F,
        'Not shown',
        '5 (50%)',
        'Largest group',
        F,
        'Not shown',
        '5 (50%)',
        'Largest group',
      ]);
      // The plan's measures: explained 5 of 10; no meeting held.
      expect((await rows(page, 'breakdown-gender-plan'))[0].slice(4, 6)).toEqual(['5 (50%)', 'Largest group']);
      expect((await rows(page, 'breakdown-gender-plan'))[0].slice(8)).toEqual([F, 'Not shown', F, 'Not shown']);
      // At release: the first night and the release-day plan, 5 of 10 each.
      expect((await rows(page, 'breakdown-gender-at-release'))[0].slice(1)).toEqual([
        '10',
        '5 (50%)',
        'Largest group',
        F,
        'Not shown',
        F,
        'Not shown',
        '5 (50%)',
        'Largest group',
      ]);
      await expect(page.locator('#breakdown-gender caption').allTextContents()).resolves.toEqual([
        'By gender: before release',
        'By gender: the plan',
        'By gender: at release',
      ]);
      // Closed until asked for, with or without JavaScript.
      await expect(page.locator('#breakdown-gender-plan').isVisible()).resolves.toBe(false);
      await page.locator('#breakdown-gender summary').click();
      await expect(page.locator('#breakdown-gender-plan').isVisible()).resolves.toBe(true);
      const csv = await page.evaluate(
        async (href) => (await fetch(href)).text(),
        `/measures/download?period=${lastMonth.value}`,
      );
      expect(csv).toContain('"Education, training or employment place confirmed by the day of release",5,10,50%');
      expect(csv).toContain(`Address confirmed 28 days or more before release,${F},10,`);
      expect(csv).toContain(`No address confirmed by the day of release,${F},10,`);
      expect(csv).toContain('Plan explained to the child by the day of release,5,10,50%');
      expect(csv).toContain(`Pre-release planning meeting held in time,${F},10,`);
      expect(csv).toContain('By gender: before release');
      expect(csv).toContain('By gender: at release');
      expect(csv).toContain('At release, month by month');
      expect(csv).toContain(`Accommodation confirmed,${F},${F},${F},${F},10`);
      expect(csv).toContain(`All councils,${F},Not shown,Not shown`);
      expect(csv).toContain(`All kinds of deadline,${F},${F},${F},${F},${F}`);
      expect(csv).toContain('Providers’ response times on education and health referrals, in working days');
      expect(csv).toContain('Education Provider A,5,2,6');
      expect(csv).toContain(`No case manager allocated by the day of release,${F},10,`);
      expect(csv).toContain('First night at the accommodation planned,5,10,50%');
      expect(csv).toContain(`Health handover arranged by the day of release,${F},10,`);
      expect(csv).toContain(`${lastMonth.text},10,${F},5 (50%),${F},5 (50%)`);
      expect(csv).toContain(`${lastMonth.text},10,5 (50%),${F},${F},5 (50%)`);
      if (js) {
        // Every breakdown open: its tables checked too.
        const closed = page.locator('#breakdowns ~ details:not([open]) summary');
        while ((await closed.count()) > 0) await closed.first().click();
        await expect(page.locator('#breakdowns ~ details:not([open])').count()).resolves.toBe(0);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        // The breakdowns' and the trend's wide tables stack below desktop width, and fit from it.
        for (const width of [960, 641]) {
          await page.setViewportSize({ width, height: 900 });
          expect(await pageWidth(page)).toBeLessThanOrEqual(width);
        }
        await page.setViewportSize({ width: 320, height: 800 });
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      // From a figure to the children behind it: the five with no address by the day they left.
      await page.locator('#measures-accommodation a[href*="figure=ADDRESS_NOT_BY_RELEASE"]').click();
      await page.waitForURL(`**/measures/children?period=${lastMonth.value}&figure=ADDRESS_NOT_BY_RELEASE`);
      await expectText(page, '5 children.');
      const children = await rows(page, 'measure-children');
      expect(children).toHaveLength(5);
      expect(children[0].slice(1)).toEqual([govukDate(released), 'Not confirmed', 'Not recorded', 'Not confirmed']);
      if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the measures' }).click();
      await page.waitForURL(`**/measures?period=${lastMonth.value}`);
      // A plan figure's children are listed with their plan's days.
      await page.locator('#measures-plan a[href*="figure=PLAN_NOT_EXPLAINED"]').click();
      await page.waitForURL(`**/measures/children?period=${lastMonth.value}&figure=PLAN_NOT_EXPLAINED`);
      await expectText(page, '5 children.');
      const unexplained = await rows(page, 'measure-children');
      expect(unexplained).toHaveLength(5);
      expect(unexplained[0].slice(1)).toEqual([
        govukDate(released),
        'No',
        'Not recorded',
        'Not agreed',
        'Not held',
        'Not held',
      ]);
      if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the measures' }).click();
      await page.waitForURL(`**/measures?period=${lastMonth.value}`);
      // The case-manager figures' children are listed with their changes and repeated interventions.
      await page.locator('#measures-continuity a[href*="figure=CASE_MANAGER_NONE"]').click();
      await page.waitForURL(`**/measures/children?period=${lastMonth.value}&figure=CASE_MANAGER_NONE`);
      await expectText(page, '10 children.');
      expect((await rows(page, 'measure-children'))[0].slice(1)).toEqual([
        govukDate(released),
        'Nobody allocated',
        'No',
      ]);
      if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the measures' }).click();
      await page.waitForURL(`**/measures?period=${lastMonth.value}`);
      // A release figure's children are listed with what happened at release.
      await page.locator('#measures-release a[href*="figure=RELEASE_DAY_PLAN_CONFIRMED"]').click();
      await page.waitForURL(`**/measures/children?period=${lastMonth.value}&figure=RELEASE_DAY_PLAN_CONFIRMED`);
      await expectText(page, '5 children.');
      expect((await rows(page, 'measure-children'))[0].slice(1)).toEqual([
        govukDate(released),
        'Yes',
        'Not recorded (no place)',
        'Not arranged',
        govukDate(addDays(released, -2)),
      ]);
      if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Back to the measures' }).click();
      await page.waitForURL(`**/measures?period=${lastMonth.value}`);
      // Another month, by the GET form: nobody was released the month before, so everything is hidden.
      await page.getByLabel('Period').selectOption(monthBefore.value);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`**/measures?period=${monthBefore.value}`);
      await expectText(
        page,
        `Children released from ${govukDate(monthBefore.from)} to ${govukDate(monthBefore.to)}, Youth Justice Service A: ${F}.`,
      );
      // The 12 months to last month: the figures and the trend come in one read (the same 12 months), and the trend
      // still has every month, last month's ten children in its last row.
      const year = `12m-${lastMonth.value}`;
      await page.getByLabel('Period').selectOption(year);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`**/measures?period=${year}`);
      await expectText(page, `to ${govukDate(lastMonth.to)}, Youth Justice Service A: 10.`);
      const yearTrend = await rows(page, 'measures-trend-before-release');
      expect(yearTrend).toHaveLength(12);
      expect(yearTrend[11].slice(0, 2)).toEqual([lastMonth.text, '10']);
      expect(yearTrend[10].slice(0, 2)).toEqual([monthBefore.text, F]);
    } finally {
      await context.close();
    }
  });

  /**
   * The ten children were supervised by side A's service (in the North West), left side A's establishment and their
   * home is side A's council: 10 in each of those scopes, and in England and Wales; none in Wales.
   */
  const scopeLine = (area: string, count: string) =>
    `Children released from ${govukDate(lastMonth.from)} to ${govukDate(lastMonth.to)}, ${area}: ${count}.`;

  it.each([true, false])(
    'a national admin chooses whose measures, and never sees a child (JavaScript %s)',
    async (js) => {
      const { context, page } = await h.person({ javaScriptEnabled: js });
      try {
        await h.signIn(page, ADMIN);
        await page.getByRole('link', { name: 'Measures' }).click();
        await page.waitForURL('**/measures');
        await expectText(page, scopeLine('England and Wales', '10'));
        await expect(page.getByLabel('England and Wales').isChecked()).resolves.toBe(true);
        // Aggregates only: no count links to children.
        await expect(page.locator('main a[href*="/measures/children"]').count()).resolves.toBe(0);
        if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
        const choose = async (radio: string, select: string | null, option: string | null) => {
          await page.getByLabel(radio, { exact: true }).check();
          if (select && option) await page.getByLabel(select, { exact: true }).selectOption({ label: option });
          await page.getByRole('button', { name: 'Show' }).click();
          await page.waitForLoadState();
        };
        await choose('A youth justice service', 'Youth justice service', 'Youth Justice Service A');
        await page.waitForURL(/scope=YOUTH_JUSTICE_SERVICE/);
        await expectText(page, scopeLine('Youth Justice Service A', '10'));
        expect((await rows(page, 'measures-ete'))[0].slice(1)).toEqual(['5', '10', '50%']);
        await expect(page.locator('main a[href*="/measures/children"]').count()).resolves.toBe(0);
        // The choice is kept: checked, selected, and in the CSV's link.
        await expect(page.getByLabel('A youth justice service', { exact: true }).isChecked()).resolves.toBe(true);
        const csvHref = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
        expect(csvHref).toContain('scope=YOUTH_JUSTICE_SERVICE');
        const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
        expect(csv).toContain('Youth Justice Service A');
        expect(csv).toContain('"Education, training or employment place confirmed by the day of release",5,10,50%');
        await choose(
          'A secure establishment (the children released from it)',
          'Secure establishment',
          'Establishment A',
        );
        await expectText(page, scopeLine('Establishment A', '10'));
        // Its escalations and case managers are the scope's; referrals are not an establishment's: no response times.
        expect(await rows(page, 'measures-escalations')).toContainEqual(['Accommodation confirmed', F, F, F, F, '10']);
        await expect(page.locator('#response-times-none').count()).resolves.toBe(1);
        await expect(page.locator('#response-times-acknowledge').count()).resolves.toBe(0);
        await expect(page.locator('#provider-response-times-none').count()).resolves.toBe(1);
        await expect(page.locator('#provider-response-times-acknowledge').count()).resolves.toBe(0);
        await choose('A local authority (the children whose home it is)', 'Local authority', 'Authority A');
        await expectText(page, scopeLine('Authority A', '10'));
        await choose('A region', 'Region', 'North West');
        await expectText(page, scopeLine('North West', '10'));
        // The trend's measures: the region's are the service's ten.
        const trend = await rows(page, 'measures-trend-before-release');
        expect(trend[11]).toEqual([lastMonth.text, '10', F, '5 (50%)', F, '5 (50%)']);
        if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
        await choose('A region', 'Region', 'Wales');
        await expectText(page, scopeLine('Wales', F));
        await choose('England and Wales', null, null);
        await expectText(page, scopeLine('England and Wales', '10'));
        if (js) {
          for (const summary of await page.locator('#breakdowns ~ details summary').all()) await summary.click();
          await page.setViewportSize({ width: 320, height: 800 });
          expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        }
      } finally {
        await context.close();
      }
    },
  );

  it.each([
    [ESTABLISHMENT_MANAGER, 'Establishment A', true],
    [COUNCIL_LEAD, 'Authority A', false],
  ])('%s opens the measures of their own scope, no chooser, no children', async (email, area, js) => {
    const { context, page } = await h.person({ javaScriptEnabled: js });
    try {
      await h.signIn(page, email);
      await page.getByRole('link', { name: 'Measures' }).click();
      await page.waitForURL('**/measures');
      await expectText(page, scopeLine(area, '10'));
      await expect(page.locator('#choose-scope').count()).resolves.toBe(0);
      await expect(page.locator('main a[href*="/measures/children"]').count()).resolves.toBe(0);
      if (js) expect(await h.accessibilityViolations(page)).toEqual([]);
      // Another period keeps their own scope.
      await page.getByLabel('Period').selectOption(monthBefore.value);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`**/measures?period=${monthBefore.value}`);
      await expectText(page, `${govukDate(monthBefore.to)}, ${area}: ${F}.`);
    } finally {
      await context.close();
    }
  });

  it('a council officer who is not its lead is told whose the measures are', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, COUNCIL_OFFICER);
      const res = await page.goto(`${new URL(page.url()).origin}/measures`);
      expect(res?.status()).toBe(403);
      await expectText(page, 'Your council’s measures are for its lead');
    } finally {
      await context.close();
    }
  });
});

async function expectText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}

/** A table's cells as read, without the hidden ": the children" that names a count's link for a screen reader. */
async function rows(page: Page, tableId: string): Promise<string[][]> {
  return page
    .locator(`#${tableId} tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((td) =>
          (td.textContent ?? '').replace(/\s+/g, ' ').replace(': the children', '').trim(),
        ),
      ),
    );
}
