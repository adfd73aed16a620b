import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, insertOrganisation } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 23 in the portal, "a deadline is met by what happened, never by a tick": the case manager records each fact
 * (where the child will live, that the child was told, the ETE place, each health handover) through a GOV.UK form
 * and a check step, in a real browser against the real portal, api, PostgreSQL and Redis; the api then shows the
 * deadline met with that fact as its evidence. With and without JavaScript, axe on every page state, 320 px wide.
 */
describe('recording the facts deadlines are met by (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const CASE_MANAGER = 'case.manager@facts.example.com';
  const STAFF = 'staff@facts-yoi.example.com';
  const OTHER_AREA = 'case.manager@other-facts.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'FF', place: 'Northtown', establishment: 'HMYOI Factfield' }));
    org.otherLa = await insertOrganisation(h.t, { code: 'LA-FO', name: 'Southtown Council', type: 'LOCAL_AUTHORITY' });
    org.otherYjs = await insertOrganisation(h.t, {
      code: 'YJS-FO',
      name: 'Southtown Youth Justice Service',
      type: 'YOUTH_JUSTICE_SERVICE',
      localAuthorityId: org.otherLa.id,
    });
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    await h.t.userSession({ organisationId: org.yoi.id, roles: [Role.ESTABLISHMENT_STAFF], email: STAFF });
    await h.t.userSession({ organisationId: org.otherYjs.id, roles: [Role.YJS_CASE_MANAGER], email: OTHER_AREA });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Facts', bornIn: '2010-05' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  /** A child sentenced today to a 12-month DTO, held at HMYOI Factfield, supervised by Northtown. */
  let children: Children;
  const childWithPlan = async (givenName: string) => children.sentenced(givenName);

  async function milestone(episodeId: string, key: string) {
    const { milestones } = await manager.ok(`query($id: ID!) { milestones(episodeId: $id) { key status evidence } }`, {
      id: episodeId,
    });
    return milestones.find((m: { key: string }) => m.key === key) as {
      status: string;
      evidence: Record<string, any> | null;
    };
  }

  async function facts(episodeId: string) {
    const { resettlementPlan } = await manager.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { accommodationArrangements { id } childToldWhereLiving { id }
        etePlacements { id } healthHandovers { id pathwayType } } }`,
      { id: episodeId },
    );
    return {
      arrangements: resettlementPlan.accommodationArrangements.length,
      told: resettlementPlan.childToldWhereLiving.length,
      ete: resettlementPlan.etePlacements.length,
      health: resettlementPlan.healthHandovers.length,
    };
  }

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`a case manager records each of the four facts through a form and a check step, and the api shows each deadline met by it, ${run}`, async () => {
      const name = javaScriptEnabled ? 'Aled' : 'Bryn';
      const { episodeId, planId } = await childWithPlan(name);
      const { context, page } = await h.person({ javaScriptEnabled });
      const violations: string[] = [];
      /** Every page state: axe, and nothing wider than the 320 px window. */
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const fillDate = async (legend: string, day: string, month: string, year: string) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(day);
        await group.getByLabel('Month').fill(month);
        await group.getByLabel('Year').fill(year);
      };
      const fillDay = (legend: string, date: Date) =>
        fillDate(legend, String(date.getUTCDate()), String(date.getUTCMonth() + 1), String(date.getUTCFullYear()));
      const expectError = async (text: string, field: string) => {
        await expectText(page.locator('.govuk-error-summary'), text);
        expect(await page.title()).toMatch(/^Error: /);
        // The summary's link goes to the field.
        expect(await page.locator('.govuk-error-summary a', { hasText: text }).getAttribute('href')).toBe(`#${field}`);
        expect(await page.locator(`#${field}`).count()).toBe(1);
      };
      const continueTo = async (heading: string) => {
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), heading);
      };
      const confirm = async (button: string, banner: string) => {
        await page.getByRole('button', { name: button }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${episodeId}`);
        await expectText(page.locator('.govuk-notification-banner--success'), banner);
        await look();
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await look();

        // ---------------------------------------------------------------- where the child will live
        await page.getByRole('link', { name: 'Record where the child will live (no referral needed)' }).click();
        await expectText(page.locator('h1'), 'Record where the child will live');
        await expectText(page.locator('.govuk-caption-l'), `${name} Facts`);
        await expectText(page.locator('#child-summary'), 'Expected release');
        expect(await page.locator('#child-summary').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        await look();
        // Nothing typed: each required answer is named.
        await continueTo('Record where the child will live');
        await expectError('Enter the address', 'address');
        await expectError('Enter the date the child can live there from', 'startDateDay');
        await expectError('Select the kind of home', 'kind');
        await look();
        // 30 February: not a day; the other answers are kept.
        await page.getByLabel('Address').fill('12 Station Road\nNorthtown\nNT1 1AA');
        await fillDate('When can the child live there from?', '30', '2', String(inDays(400).getUTCFullYear()));
        await page.getByLabel('Family home (parent or carer)').check();
        await page.getByLabel('Who will the child live with?').fill('Mother, Ms Ceri Facts');
        await continueTo('Record where the child will live');
        await expectError('The date the child can live there from must be a real date', 'startDateDay');
        await expectError('Enter who confirmed the child can live there', 'confirmedBy');
        expect(await page.getByLabel('Address').inputValue()).toBe('12 Station Road\nNorthtown\nNT1 1AA');
        expect(await page.getByLabel('Who will the child live with?').inputValue()).toBe('Mother, Ms Ceri Facts');
        await look();
        expect((await facts(episodeId)).arrangements).toBe(0);
        const start = inDays(180);
        await fillDay('When can the child live there from?', start);
        await page.getByLabel('Who confirmed the child can live there?').fill('Ms Ceri Facts, mother');
        await continueTo('Check your answers');
        await expectText(page.locator('#answers'), '12 Station Road');
        await expectText(page.locator('#answers'), 'Family home (parent or carer)');
        expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        await look();
        expect((await facts(episodeId)).arrangements).toBe(0);
        await confirm('Record where the child will live', 'Where the child will live is recorded: 12 Station Road');
        const accommodation = await milestone(episodeId, 'ACCOMMODATION_CONFIRMED');
        expect(accommodation.status).toBe('MET');
        expect(accommodation.evidence).toMatchObject({
          type: 'AccommodationArrangement',
          address: '12 Station Road\nNorthtown\nNT1 1AA',
          startDate: start.toISOString().slice(0, 10),
          confirmedBy: 'Ms Ceri Facts, mother',
          kind: 'FAMILY_HOME',
          livingWith: 'Mother, Ms Ceri Facts',
        });

        // ---------------------------------------------------------------- the child told
        await page.getByRole('link', { name: 'Record that the child was told where they will live' }).click();
        await expectText(page.locator('#address-told'), '12 Station Road');
        await look();
        await fillDate('When was the child told?', '30', '2', String(new Date().getUTCFullYear()));
        await page.getByLabel('In person').check();
        await continueTo('Record that the child was told where they will live');
        await expectError('The day the child was told must be a real date', 'toldOnDay');
        await expectError('Enter who told the child', 'toldBy');
        expect(await page.getByLabel('In person').isChecked()).toBe(true);
        await look();
        await fillDay('When was the child told?', new Date(`${h.t.clock.today()}T12:00:00Z`));
        await page.getByLabel('Who told the child?').fill('Sam Jones, case manager');
        await page.getByLabel('Yes, they have visited it or seen it').check();
        await continueTo('Check your answers');
        await expectText(page.locator('#answers'), 'Sam Jones, case manager');
        await look();
        // Back to the form with the answers, and on again.
        await page.getByRole('button', { name: 'Change your answers' }).click();
        expect(await page.getByLabel('Who told the child?').inputValue()).toBe('Sam Jones, case manager');
        await continueTo('Check your answers');
        expect((await facts(episodeId)).told).toBe(0);
        await confirm('Record that the child was told', 'The child being told where they will live is recorded');
        const told = await milestone(episodeId, 'CHILD_TOLD_WHERE_LIVING');
        expect(told.status).toBe('MET');
        expect(told.evidence).toMatchObject({
          type: 'ChildToldWhereLiving',
          toldOn: h.t.clock.today(),
          toldBy: 'Sam Jones, case manager',
          how: 'IN_PERSON',
          address: '12 Station Road\nNorthtown\nNT1 1AA',
        });

        // ---------------------------------------------------------------- the ETE place
        await page.getByRole('link', { name: 'Record the education, training or work place' }).click();
        await look();
        await fillDate('When is the first day?', '30', '2', String(inDays(400).getUTCFullYear()));
        await page.getByLabel('How many hours a week?').fill('25');
        await continueTo('Record the education, training or work place');
        await expectError('Enter the school, college, training provider or employer', 'provider');
        await expectError('The first day must be a real date', 'startDateDay');
        expect(await page.getByLabel('How many hours a week?').inputValue()).toBe('25');
        await look();
        // A first day in the past: the api's refusal, against the date, with the answers kept.
        await page.getByLabel('School, college, training provider or employer').fill('Northtown College');
        await fillDate('When is the first day?', '1', '1', '2020');
        await page.getByLabel('Who confirmed the place?').fill('Ms Dee Tutor, admissions');
        await continueTo('Check your answers');
        await page.getByRole('button', { name: 'Record the place' }).click();
        await expectError('The start date cannot be in the past', 'startDateDay');
        expect(await page.getByLabel('School, college, training provider or employer').inputValue()).toBe(
          'Northtown College',
        );
        await look();
        expect((await facts(episodeId)).ete).toBe(0);
        const first = inDays(190);
        await fillDay('When is the first day?', first);
        await continueTo('Check your answers');
        await look();
        await confirm('Record the place', 'The education, training or work place is recorded: Northtown College');
        const ete = await milestone(episodeId, 'ETE_PLACE_CONFIRMED');
        expect(ete.status).toBe('MET');
        expect(ete.evidence).toMatchObject({
          type: 'EtePlacement',
          provider: 'Northtown College',
          startDate: first.toISOString().slice(0, 10),
          hoursPerWeek: 25,
          confirmedBy: 'Ms Dee Tutor, admissions',
        });

        // ---------------------------------------------------------------- health handovers
        const appointment = inDays(185);
        if (javaScriptEnabled) {
          // Three health needs: two handed over already (through the api), the GP one chosen here.
          for (const [pathwayType, receivingProvider] of [
            ['MENTAL_HEALTH', 'Northtown CAMHS'],
            ['SUBSTANCE_MISUSE', 'Northtown Young People’s Drug Service'],
          ])
            await manager.ok(
              `mutation($input: RecordHealthHandoverInput!) { recordHealthHandover(input: $input) { id } }`,
              {
                input: {
                  planId,
                  pathwayType,
                  receivingProvider,
                  firstAppointmentOn: appointment.toISOString().slice(0, 10),
                },
              },
            );
        } else {
          // Only the GP is needed when the other two needs are none.
          const { resettlementPlan } = await manager.ok(
            `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type version } } }`,
            { id: episodeId },
          );
          for (const p of resettlementPlan.pathways.filter((w: { type: string }) =>
            ['MENTAL_HEALTH', 'SUBSTANCE_MISUSE'].includes(w.type),
          ))
            await manager.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
              input: { pathwayId: p.id, expectedVersion: p.version, needLevel: 'NONE' },
            });
        }
        await page.getByRole('link', { name: 'Record a health handover' }).click();
        await look();
        if (javaScriptEnabled) {
          const choices = page.getByRole('group', { name: 'Which health need is handed over?' });
          await expectText(choices, 'Mental health and emotional wellbeing');
          await expectText(choices, 'Substance misuse');
          await choices.getByLabel('Physical health').check();
        } else {
          await expectText(page.locator('#pathwayType'), 'Physical health');
        }
        await fillDate('When is the first appointment?', '30', '2', String(inDays(400).getUTCFullYear()));
        await continueTo('Record a health handover');
        await expectError('Enter who is taking the child on', 'receivingProvider');
        await expectError('The date of the first appointment must be a real date', 'firstAppointmentOnDay');
        await look();
        expect((await facts(episodeId)).health).toBe(javaScriptEnabled ? 2 : 0);
        await page.getByLabel('Who is taking the child on?').fill('Station Road Surgery');
        await fillDay('When is the first appointment?', appointment);
        await continueTo('Check your answers');
        await expectText(page.locator('#answers'), 'Physical health');
        await look();
        await confirm('Record the handover', 'The physical health handover is recorded: Station Road Surgery');
        const health = await milestone(episodeId, 'HEALTH_HANDOVER_ARRANGED');
        expect(health.status).toBe('MET');
        expect(health.evidence).toMatchObject({ type: 'HealthHandover' });
        expect(health.evidence!.handovers).toContainEqual(
          expect.objectContaining({
            pathwayType: 'PHYSICAL_HEALTH',
            receivingProvider: 'Station Road Surgery',
            firstAppointmentOn: appointment.toISOString().slice(0, 10),
          }),
        );
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }, 400_000);

    it(`someone the api does not let record sees no link and is told so; another area's child is not found; a fact that no longer applies says what is there now, ${run}`, async () => {
      const { episodeId } = await childWithPlan(javaScriptEnabled ? 'Cai' : 'Dai');
      const violations: string[] = [];
      const staff = await h.person({ javaScriptEnabled });
      const other = await h.person({ javaScriptEnabled });
      const cm = await h.person({ javaScriptEnabled });
      try {
        // The secure establishment's staff see the plan, but the plan is the youth justice service's to record.
        const { page } = staff;
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, STAFF);
        await page.goto(`/plans/${episodeId}`);
        await expectText(page.locator('h1'), 'Facts');
        expect(await page.locator('#record-facts').count()).toBe(0);
        // No link to record a fact (the custody record's own links, "Record a sentence", are theirs: issue 21).
        expect(await page.locator('a[href*="/record/"]').count()).toBe(0);
        await page.goto(`/episodes/${episodeId}/record/ete-placement`);
        await page.getByLabel('School, college, training provider or employer').fill('Northtown College');
        const start = inDays(190);
        const group = page.getByRole('group', { name: 'When is the first day?' });
        await group.getByLabel('Day').fill(String(start.getUTCDate()));
        await group.getByLabel('Month').fill(String(start.getUTCMonth() + 1));
        await group.getByLabel('Year').fill(String(start.getUTCFullYear()));
        await page.getByLabel('How many hours a week?').fill('20');
        await page.getByLabel('Who confirmed the place?').fill('Someone');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('button', { name: 'Record the place' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'You cannot record this');
        expect(await page.title()).toMatch(/^Error: /);
        expect(await page.locator('h1').innerText()).not.toContain('Page not found');
        violations.push(...(await h.accessibilityViolations(page)));
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        expect((await facts(episodeId)).ete).toBe(0);

        // Another area's case manager: the child is not theirs to know of.
        await h.signIn(other.page, OTHER_AREA);
        const response = await other.page.goto(`/episodes/${episodeId}/record/accommodation-arrangement`);
        expect(response?.status()).toBe(404);
        await expectText(other.page.locator('h1'), 'Page not found');

        // The child told before any address is confirmed: said, with what is there now, and nothing recorded.
        await cm.page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(cm.page, CASE_MANAGER);
        await cm.page.goto(`/episodes/${episodeId}/record/child-told`);
        await expectText(cm.page.locator('#address'), 'No address is confirmed yet');
        expect(await cm.page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
        violations.push(...(await h.accessibilityViolations(cm.page)));
        // A form loaded when an address was confirmed, sent once it no longer is: the api's CONFLICT, shown.
        const { planId } = { planId: await planOf(episodeId) };
        const arranged = await manager.ok(
          `mutation($input: RecordAccommodationArrangementInput!) { recordAccommodationArrangement(input: $input) { id } }`,
          {
            input: {
              planId,
              address: '3 Hill Street, Northtown',
              startDate: inDays(180).toISOString().slice(0, 10),
              kind: 'FAMILY_HOME',
              livingWith: 'Father',
              confirmedBy: 'Father',
            },
          },
        );
        await cm.page.goto(`/episodes/${episodeId}/record/child-told`);
        await expectText(cm.page.locator('#address-told'), '3 Hill Street');
        // Meanwhile (a minute on), a newer address is confirmed.
        h.t.clock.advance(60_000);
        await manager.ok(
          `mutation($input: RecordAccommodationArrangementInput!) { recordAccommodationArrangement(input: $input) { id } }`,
          {
            input: {
              planId,
              address: '8 Vale Road, Northtown',
              startDate: inDays(180).toISOString().slice(0, 10),
              kind: 'RELATIVE_OR_FRIEND',
              livingWith: 'Aunt',
              confirmedBy: 'Aunt',
            },
          },
        );
        expect(arranged.recordAccommodationArrangement.id).toBeTruthy();
        const today = new Date(`${h.t.clock.today()}T12:00:00Z`);
        const told = cm.page.getByRole('group', { name: 'When was the child told?' });
        await told.getByLabel('Day').fill(String(today.getUTCDate()));
        await told.getByLabel('Month').fill(String(today.getUTCMonth() + 1));
        await told.getByLabel('Year').fill(String(today.getUTCFullYear()));
        await cm.page.getByLabel('Who told the child?').fill('Sam Jones, case manager');
        await cm.page.getByLabel('Phone').check();
        await cm.page.getByRole('button', { name: 'Continue' }).click();
        await expectText(cm.page.locator('.govuk-error-summary'), 'it is now 8 Vale Road, Northtown');
        expect(await cm.page.title()).toMatch(/^Error: /);
        await expectText(cm.page.locator('#address-told'), '8 Vale Road');
        expect(await cm.page.getByLabel('Who told the child?').inputValue()).toBe('Sam Jones, case manager');
        violations.push(...(await h.accessibilityViolations(cm.page)));
        expect(await pageWidth(cm.page)).toBeLessThanOrEqual(320);
        expect((await facts(episodeId)).told).toBe(0);
        // Sent again, it is about the address shown now.
        await cm.page.getByRole('button', { name: 'Continue' }).click();
        await expectText(cm.page.locator('#answers'), '8 Vale Road');
        await cm.page.getByRole('button', { name: 'Record that the child was told' }).click();
        await expectText(cm.page.locator('.govuk-notification-banner--success'), 'is recorded');
        const milestones = await manager.ok(`query($id: ID!) { milestones(episodeId: $id) { key status evidence } }`, {
          id: episodeId,
        });
        expect(
          milestones.milestones.find((m: { key: string }) => m.key === 'CHILD_TOLD_WHERE_LIVING').evidence,
        ).toMatchObject({ address: '8 Vale Road, Northtown', how: 'PHONE' });
        expect(violations).toEqual([]);
      } finally {
        await Promise.all([staff.context.close(), other.context.close(), cm.context.close()]);
      }
    }, 300_000);
  }

  async function planOf(episodeId: string): Promise<string> {
    const { resettlementPlan } = await manager.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, {
      id: episodeId,
    });
    return resettlementPlan.id;
  }
});

/** How wide the page is drawn: wider than the window means scrolling sideways. */
