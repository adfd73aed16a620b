import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, insertOrganisation } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20 in the portal, "a child's plan, editable": the case manager changes a pathway (status, need, named person,
 * the child's view), adds an action and marks it done, and meets a stale page (someone else changed the pathway
 * meanwhile): the error summary, what is there now, nothing overwritten. The history names people. With and without
 * JavaScript, axe on each page state, 320 px wide. Every validation message is in pathway-forms.spec.ts.
 */
describe('changing a pathway of a child’s plan (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  const org: Record<string, { id: string }> = {};
  const CASE_MANAGER = 'case.manager@plan-edit.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'PE', place: 'Eastborough', establishment: 'HMYOI Planfield' }));
    org.school = await insertOrganisation(h.t, {
      code: 'ED-PE',
      name: 'Eastborough College',
      type: 'EDUCATION_PROVIDER',
      localAuthorityId: org.la.id,
    });
    colleague = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      givenName: 'Morgan',
      familyName: 'Colleague',
    });
    await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: CASE_MANAGER,
      givenName: 'Casey',
      familyName: 'Manager',
    });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      {
        familyName: 'Planedit',
        bornIn: '2010-06',
        gender: 'FEMALE',
      },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  let children: Children;
  const childOnRemand = async (givenName: string) => (await children.remanded(givenName)).episodeId;

  async function ete(episodeId: string) {
    const { resettlementPlan } = await colleague.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type version status needLevel ownerName childView responsibleOrganisation { id }
        actions { description dueDate doneOn ownerName } } } }`,
      { id: episodeId },
    );
    return resettlementPlan.pathways.find((p: { type: string }) => p.type === 'EDUCATION_TRAINING_EMPLOYMENT');
  }

  it.each([true, false])(
    'edit a pathway, meet a stale page, add and complete an action (JavaScript: %s)',
    async (js) => {
      const episodeId = await childOnRemand(js ? 'Ffion' : 'Gwen');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: /^Education, training and employment/ }).click();
        await expectText(page.locator('h1'), 'Education, training and employment');
        await look();

        // Someone else changes the pathway while the page is open.
        const before = await ete(episodeId);
        await colleague.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
          input: { pathwayId: before.id, expectedVersion: before.version, ownerName: 'Robin Other' },
        });
        await page.getByLabel('Arranged').check();
        await page.getByLabel('High').check();
        await page.getByLabel('Named person who owns this pathway').fill('Dee Worker');
        await page.getByLabel('The child’s view, in their own words').fill('I want to go back to college');
        await page.getByRole('button', { name: 'Save pathway' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed this pathway');
        expect(await page.title()).toMatch(/^Error: /);
        // What is there now in the form, what was typed beside it, and nothing of it saved.
        expect(await page.getByLabel('Named person who owns this pathway').inputValue()).toBe('Robin Other');
        await expectText(page.locator('#unsaved'), 'Dee Worker');
        expect(await ete(episodeId)).toMatchObject({
          ownerName: 'Robin Other',
          status: 'NOT_STARTED',
          childView: null,
        });
        await look();

        // Again, on the fresh page: saved.
        await page.getByLabel('Arranged').check();
        await page.getByLabel('High').check();
        await page.getByLabel('Named person who owns this pathway').fill('Dee Worker');
        await page.getByLabel('The child’s view, in their own words').fill('I want to go back to college');
        await page.getByRole('button', { name: 'Save pathway' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'pathway saved');
        expect(await ete(episodeId)).toMatchObject({
          status: 'ARRANGED',
          needLevel: 'HIGH',
          ownerName: 'Dee Worker',
          childView: 'I want to go back to college',
        });
        // A status alone claims no deadline: the ETE place is met by the place recorded, not by "Arranged".
        const { milestones } = await colleague.ok(`query($id: ID!) { milestones(episodeId: $id) { key status } }`, {
          id: episodeId,
        });
        expect(milestones.find((m: { key: string }) => m.key === 'ETE_PLACE_CONFIRMED')).toMatchObject({
          status: 'PENDING',
        });

        // An action: nothing typed is refused against the field; then added with a due date, then done.
        await page.getByRole('button', { name: 'Add action' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter what is to be done');
        expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#description');
        await look();
        const year = String(new Date().getUTCFullYear() + 1);
        await page.getByLabel('What is to be done').fill('Enrol at Eastborough College');
        await page.getByLabel('Who will do it (optional)').fill('Dee Worker');
        const due = page.getByRole('group', { name: 'Due date (optional)' });
        await due.getByLabel('Day').fill('15');
        await due.getByLabel('Month').fill('1');
        await due.getByLabel('Year').fill(year);
        await page.getByRole('button', { name: 'Add action' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Action added');
        await expectText(page.locator('#action-list'), `15 January ${year}`);
        await page.getByRole('button', { name: 'Mark as done: Enrol at Eastborough College' }).click();
        await expectText(page.locator('#action-list .govuk-tag'), 'Done');
        expect((await ete(episodeId)).actions).toEqual([
          {
            description: 'Enrol at Eastborough College',
            dueDate: `${year}-01-15`,
            doneOn: h.t.clock.today(),
            ownerName: 'Dee Worker',
          },
        ]);

        // The history names people, newest first.
        const history = await page.locator('#history-list li').allInnerTexts();
        expect(history[0]).toMatch(/Done: Enrol at Eastborough College[\s\S]*Casey Manager/);
        expect(history.some((e) => /pathway updated[\s\S]*Morgan Colleague/.test(e))).toBe(true);
        expect(history.join('\n')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
        await look();
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
