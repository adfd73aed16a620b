import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20 in the portal, "a child's plan, editable": the case manager records the child's voice, how the plan was
 * explained and the child's and parent or carer's answers, checks the answers, sees what still blocks agreement
 * (linked to where it is fixed) and, once nothing does, marks the plan agreed. With and without JavaScript, axe on
 * each new page, 320 px wide. Every validation message is in child-voice-forms.spec.ts.
 */
describe('the child’s voice and the plan’s agreement (browser)', () => {
  let h: PortalHarness;
  let colleague: Session;
  const org: Record<string, { id: string }> = {};
  const CASE_MANAGER = 'case.manager@child-voice.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'CV', place: 'Westborough', establishment: 'HMYOI Voicefield' }));
    colleague = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    children = new Children(
      h.t,
      colleague,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Voiced', bornIn: '2010-07' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  let children: Children;
  const childOnRemand = async (givenName: string) => (await children.remanded(givenName)).episodeId;

  const plan = async (episodeId: string) =>
    (
      await colleague.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id version status pathways { id type version }
          childVoice { strengths communicationNeeds } agreement { childAgreement childAgreementWords explainedOn agreedAt } } }`,
        { id: episodeId },
      )
    ).resettlementPlan;

  it.each([true, false])(
    'record the child’s voice, explain the plan, check the answers and mark it agreed (JavaScript: %s)',
    async (js) => {
      const episodeId = await childOnRemand(js ? 'Idris' : 'Jac');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        const width = await pageWidth(page);
        expect({ url: page.url(), tooWide: width > 320 ? width : null }).toEqual({ url: page.url(), tooWide: null });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      try {
        // Work on accommodation has started (an active pathway), without the child's view yet.
        const setAccommodation = async (change: object) => {
          const p = (await plan(episodeId)).pathways.find((x: { type: string }) => x.type === 'ACCOMMODATION');
          await colleague.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
            input: { pathwayId: p.id, expectedVersion: p.version, ...change },
          });
        };
        await setAccommodation({ status: 'IN_PROGRESS' });
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        // What blocks agreement, each linking to where it is fixed.
        await expectText(page.locator('#blockers'), 'Record when and how the plan was explained');
        expect(
          await page.getByRole('link', { name: /child’s view on the accommodation pathway/ }).getAttribute('href'),
        ).toMatch(new RegExp(`^/plans/${episodeId}/pathways/[0-9a-f-]{36}$`));

        // The child's voice.
        const { id: planId, version } = await plan(episodeId);
        await page.getByRole('link', { name: 'Change the child’s voice' }).click();
        await expectText(page.locator('h1'), 'The child’s voice');
        await look();
        // Someone else records the child's voice while the page is open: what is there now, nothing overwritten.
        await colleague.ok(`mutation($input: UpdateChildVoiceInput!) { updateChildVoice(input: $input) { id } }`, {
          input: { planId, expectedVersion: version, interests: 'Music' },
        });
        await page.getByLabel('Strengths').fill('Good at football');
        await page.getByRole('button', { name: 'Save the child’s voice' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Someone else changed this plan');
        expect(await page.getByLabel('Interests').inputValue()).toBe('Music');
        await expectText(page.locator('#unsaved'), 'Good at football');
        expect((await plan(episodeId)).childVoice.strengths).toBeNull();
        await look();
        // Again, on the fresh page: saved.
        await page.getByLabel('Strengths').fill('Good at football, kind to his brother');
        await page.getByLabel('Communication needs').fill('Short sentences, check understanding');
        await page.getByRole('button', { name: 'Save the child’s voice' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'The child’s voice saved');
        await expectText(page.locator('#main-content'), 'Good at football');
        expect((await plan(episodeId)).childVoice).toMatchObject({
          strengths: 'Good at football, kind to his brother',
          communicationNeeds: 'Short sentences, check understanding',
        });

        // Explaining the plan: nothing typed is refused against the fields, then recorded.
        await page.getByRole('link', { name: /Record how the plan was explained/ }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter how the plan was explained, and by whom');
        expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#explainedOnDay');
        await look();
        const [year, month, day] = h.t.clock.today().split('-');
        const when = page.getByRole('group', { name: 'When the plan was explained' });
        await when.getByLabel('Day').fill(day);
        await when.getByLabel('Month').fill(month);
        await when.getByLabel('Year').fill(year);
        await page.getByLabel('How it was explained, and by whom').fill('Easy-read version with an advocate');
        await page
          .getByRole('group', { name: 'Does the child agree with the plan?' })
          .getByLabel('Agrees', { exact: true })
          .check();
        await page.getByLabel('What the child said, in their own words').fill('It is fair, I want the college bit');
        await page.getByRole('button', { name: 'Continue' }).click();

        // Check your answers: the pathways still lack the child's view, so it cannot be agreed yet.
        await expectText(page.locator('h1'), 'Check your answers');
        await expectText(page.locator('#answers'), 'It is fair, I want the college bit');
        await expectText(page.locator('#blockers'), 'accommodation pathway');
        await look();
        expect((await plan(episodeId)).agreement).toMatchObject({ childAgreement: 'AGREES', agreedAt: null });

        // The child's view on accommodation is had (elsewhere); then it is marked agreed.
        await setAccommodation({ childView: 'Somewhere near my mum' });
        await page.reload();
        await page.getByRole('button', { name: 'Mark the plan as agreed' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'The plan is marked agreed');
        await expectText(page.locator('#agreement'), 'Agreement');
        expect((await plan(episodeId)).agreement.agreedAt).not.toBeNull();
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
