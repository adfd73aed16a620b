import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20 in the portal, a child's circumstances: the case manager adds one and what is done about it, changes it,
 * meets someone else's change (the error summary with what is there now, nothing overwritten), and removes it after
 * confirming. With and without JavaScript, axe on each page, 320 px wide.
 */
describe('a child’s circumstances (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  let children: Children;
  const CASE_MANAGER = 'case.manager@circumstances.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    const org = await insertArea(h.t, { code: 'CC', place: 'Eastmoor', establishment: 'HMYOI Circumfield' });
    colleague = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Circumstanced', bornIn: '2010-03' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const circumstances = async (episodeId: string) =>
    (
      await colleague.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id circumstances { id kind detail response version } } }`,
        { id: episodeId },
      )
    ).resettlementPlan;

  it.each([true, false])(
    'add, change, meet a stale change, and remove a circumstance (JavaScript: %s)',
    async (js) => {
      const { episodeId } = await children.remanded(js ? 'Kofi' : 'Lewin');
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
        await page.getByRole('link', { name: /Circumstances and what is done about each/ }).click();
        await expectText(page.locator('h1'), 'Circumstances');
        await look();

        // Adding: nothing typed is refused against the fields, then saved.
        await page.getByRole('button', { name: 'Add a circumstance' }).click();
        await page.getByRole('button', { name: 'Save the circumstance' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select the circumstance');
        await expectText(page.locator('.govuk-error-summary'), 'Enter what is being done about it');
        await look();
        await page.getByLabel('Young carer').check();
        await page.getByLabel('What it is for this child').fill('Cares for his mum');
        await page.getByLabel('What is being done about it').fill('Young carers service told');
        await page.getByRole('button', { name: 'Save the circumstance' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Circumstance saved: Young carer');
        await expectText(page.locator('#main-content'), 'Young carers service told');
        const [added] = (await circumstances(episodeId)).circumstances;
        expect(added).toMatchObject({ kind: 'YOUNG_CARER', response: 'Young carers service told', version: 1 });

        // Someone else changes it while the page is open: what is there now, nothing overwritten.
        await page.getByRole('link', { name: 'Change young carer' }).click();
        await look();
        const { id: planId } = await circumstances(episodeId);
        await colleague.ok(`mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id } }`, {
          input: { planId, kind: 'YOUNG_CARER', expectedVersion: 1, response: 'Respite arranged' },
        });
        await page.getByLabel('What is being done about it').fill('From a stale page');
        await page.getByRole('button', { name: 'Save the circumstance' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed this circumstance');
        expect(await page.getByLabel('What is being done about it').inputValue()).toBe('Respite arranged');
        await expectText(page.locator('#unsaved'), 'From a stale page');
        expect((await circumstances(episodeId)).circumstances[0]).toMatchObject({ response: 'Respite arranged' });
        await look();
        // Again, on the fresh page: saved.
        await page.getByLabel('What is being done about it').fill('Respite, and a young carers group');
        await page.getByRole('button', { name: 'Save the circumstance' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Circumstance saved');
        await expectText(page.locator('#history'), 'Circumstance changed: young carer');

        // Removing, after confirming.
        await page.getByRole('link', { name: 'Remove young carer' }).click();
        await expectText(page.locator('h1'), 'Are you sure you want to remove');
        await look();
        await page.getByRole('button', { name: 'Yes, remove it' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Circumstance removed: Young carer');
        await expectText(page.locator('#history'), 'Circumstance removed: young carer');
        expect((await circumstances(episodeId)).circumstances).toEqual([]);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
