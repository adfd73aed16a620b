import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20 in the portal, interventions a child did on earlier orders: the case manager adds one, sees the warning
 * once the plan has it again, changes it, meets someone else's change (the error summary with what is there now,
 * nothing overwritten), and removes it after confirming. With and without JavaScript, axe on each page, 320 px wide.
 */
describe('a child’s earlier interventions (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  let children: Children;
  const CASE_MANAGER = 'case.manager@interventions.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    const org = await insertArea(h.t, { code: 'EI', place: 'Westmoor', establishment: 'HMYOI Earlyfield' });
    colleague = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Intervened', bornIn: '2010-05' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const plan = async (episodeId: string) =>
    (
      await colleague.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id pathways { id type }
          priorInterventions { id name orderDescription completedOn deliveredBy outcome version } } }`,
        { id: episodeId },
      )
    ).resettlementPlan;

  it.each([true, false])(
    'add, warn when planned again, change, meet a stale change, and remove an earlier intervention (JavaScript: %s)',
    async (js) => {
      const { episodeId } = await children.remanded(js ? 'Idris' : 'Ivo');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const completed = page.getByRole('group', { name: 'When it was completed' });
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: /Interventions done on earlier orders/ }).click();
        await expectText(page.locator('h1'), 'Earlier interventions');
        await look();

        // Adding: nothing typed, and a day that does not exist, are refused against the fields; then saved.
        await page.getByRole('button', { name: 'Add an earlier intervention' }).click();
        await completed.getByLabel('Day').fill('31');
        await completed.getByLabel('Month').fill('2');
        await completed.getByLabel('Year').fill('2024');
        await page.getByRole('button', { name: 'Save the intervention' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter the intervention');
        await expectText(page.locator('.govuk-error-summary'), 'The day it was completed must be a real date');
        await look();
        await page.getByLabel('Intervention', { exact: true }).fill('Knife Crime Awareness');
        await page.getByLabel('The order it was done on').fill('referral order, 2024');
        await completed.getByLabel('Day').fill('30');
        await completed.getByLabel('Month').fill('6');
        await page.getByLabel('Who delivered it').fill('Westmoor YJS');
        await page.getByRole('button', { name: 'Save the intervention' }).click();
        await expectText(
          page.locator('.govuk-notification-banner--success'),
          'Earlier intervention saved: Knife Crime Awareness',
        );
        await expectText(page.locator('#main-content'), '30 June 2024');
        const { pathways, priorInterventions } = await plan(episodeId);
        expect(priorInterventions).toEqual([
          {
            id: expect.any(String),
            name: 'Knife Crime Awareness',
            orderDescription: 'referral order, 2024',
            completedOn: '2024-06-30',
            deliveredBy: 'Westmoor YJS',
            outcome: null,
            version: 1,
          },
        ]);

        // The plan has it again: the page warns.
        const pathwayId = pathways.find((p: { type: string }) => p.type === 'CONSTRUCTIVE_ACTIVITIES').id;
        await colleague.ok(
          `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
          { input: { pathwayId, description: 'Group work', intervention: 'knife crime awareness' } },
        );
        await page.reload();
        await expectText(page.locator('#repeated-interventions'), 'Knife Crime Awareness was already done');
        await look();

        // Someone else changes it while the page is open: what is there now, nothing overwritten.
        await page.getByRole('link', { name: 'Change Knife Crime Awareness' }).click();
        await look();
        await colleague.ok(
          `mutation($input: UpdatePriorInterventionInput!) { updatePriorIntervention(input: $input) { id } }`,
          { input: { priorInterventionId: priorInterventions[0].id, expectedVersion: 1, outcome: 'Finished it' } },
        );
        await page.getByLabel('How it went').fill('From a stale page');
        await page.getByRole('button', { name: 'Save the intervention' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed this intervention');
        expect(await page.getByLabel('How it went').inputValue()).toBe('Finished it');
        await expectText(page.locator('#unsaved'), 'From a stale page');
        expect((await plan(episodeId)).priorInterventions[0]).toMatchObject({ outcome: 'Finished it', version: 2 });
        await look();
        // Again, on the fresh page: saved.
        await page.getByLabel('How it went').fill('Finished it; said it did not help');
        await page.getByRole('button', { name: 'Save the intervention' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Earlier intervention saved');
        await expectText(page.locator('#main-content'), 'said it did not help');
        await expectText(page.locator('#history'), 'Earlier intervention changed: Knife Crime Awareness');

        // Removing, after confirming: the warning goes with it.
        await page.getByRole('link', { name: 'Remove Knife Crime Awareness' }).click();
        await expectText(page.locator('h1'), 'Are you sure you want to remove');
        await look();
        await page.getByRole('button', { name: 'Yes, remove it' }).click();
        await expectText(
          page.locator('.govuk-notification-banner--success'),
          'Earlier intervention removed: Knife Crime Awareness',
        );
        await expectText(page.locator('#history'), 'Earlier intervention removed: Knife Crime Awareness');
        expect(await page.locator('#repeated-interventions').count()).toBe(0);
        expect((await plan(episodeId)).priorInterventions).toEqual([]);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
