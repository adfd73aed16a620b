import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21, the establishment's own contributions to the plan: an officer of the establishment holding the child
 * works the pathway the plan names it responsible for (education in custody), is offered no change to a pathway it
 * does not own, and records the release-day arrangements that are theirs (medication, ID, money and property), the
 * rest of the release-day plan staying the youth justice service's. In Chromium against the real portal, api,
 * PostgreSQL and Redis, with and without JavaScript, axe on each page, 320 px wide. Who may do what is the access
 * policy's (`test/access-matrix.e2e-spec.ts`, the policy's table tests).
 */
describe('the establishment’s part of a child’s plan (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  let children: Children;
  const org: Record<string, { id: string; name: string }> = {};
  const OFFICER = 'officer@establishment-plan.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'EP', place: 'Eastmoor', establishment: 'HMYOI Eastmoor' }));
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({
      organisationId: org.yoi.id,
      roles: [Role.ESTABLISHMENT_STAFF],
      email: OFFICER,
      givenName: 'Ola',
      familyName: 'Officer',
    });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Custodyplan', bornIn: '2010-04', gender: 'MALE' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const planOf = async (episodeId: string) =>
    (
      await manager.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id
          pathways { id type version status ownerName responsibleOrganisation { id } actions { description } }
          releaseDay { medication idDocuments moneyAndProperty metByName }
          history { type summary recordedByName } } }`,
        { id: episodeId },
      )
    ).resettlementPlan;

  /** A child on remand whose plan names the establishment responsible for education in custody. */
  async function childWithEducationInCustody(givenName: string) {
    const { episodeId } = await children.remanded(givenName);
    const plan = await planOf(episodeId);
    const pathway = (type: string) => plan.pathways.find((p: { type: string }) => p.type === type);
    const ete = pathway('EDUCATION_TRAINING_EMPLOYMENT');
    await manager.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
      input: { pathwayId: ete.id, expectedVersion: ete.version, responsibleOrganisationId: org.yoi.id },
    });
    return { episodeId, eteId: ete.id, accommodationId: pathway('ACCOMMODATION').id };
  }

  it.each([true, false])(
    'works education in custody and records medication, ID and property (JavaScript: %s)',
    async (js) => {
      const { episodeId, eteId, accommodationId } = await childWithEducationInCustody(js ? 'Ellis' : 'Evan');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        expect({ url: page.url(), width: await pageWidth(page) }).toEqual({ url: page.url(), width: 320 });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, OFFICER);
        await page.goto(`/plans/${episodeId}`);
        await look();
        // The plan page says which pathways the officer may change: education (theirs), not accommodation.
        await expectText(page.locator(`a[href$="/pathways/${eteId}"]`), 'change, add actions, history');
        await expectText(page.locator(`a[href$="/pathways/${accommodationId}"]`), 'actions and history');

        // ---------------------------------------------------------------- a pathway not theirs: read only
        await page.goto(`/plans/${episodeId}/pathways/${accommodationId}`);
        await expectText(page.locator('h1'), 'Accommodation');
        expect(await page.getByRole('button', { name: 'Save pathway' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Add action' }).count()).toBe(0);
        await look();

        // ---------------------------------------------------------------- education in custody: theirs
        await page.goto(`/plans/${episodeId}`);
        await page.locator(`a[href$="/pathways/${eteId}"]`).click();
        await expectText(page.locator('h1'), 'Education, training and employment');
        await look();
        // The establishment is among those who may be responsible for education (in custody).
        expect(
          await page.getByLabel('Organisation responsible').locator('option', { hasText: org.yoi.name }).count(),
        ).toBe(1);
        await page.getByLabel('In progress').check();
        await page.getByLabel('Named person who owns this pathway').fill('Pat Tutor, head of learning');
        await page.getByRole('button', { name: 'Save pathway' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'pathway saved');
        await page.getByLabel('What is to be done').fill('Functional skills maths level 1 exam');
        await page.getByRole('button', { name: 'Add action' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Action added');
        await expectText(page.locator('main'), 'Ola Officer');
        await look();

        // ---------------------------------------------------------------- release day: their arrangements only
        await page.goto(`/episodes/${episodeId}/release-day`);
        await expectText(page.locator('h1'), 'Release day');
        expect(await page.getByLabel('Name of the person who meets the child').count()).toBe(0);
        await look();
        await page.getByLabel('Medication and prescriptions').fill('Sertraline 50mg: 14 days supplied');
        await page.getByLabel('ID', { exact: true }).fill('Birth certificate, in property');
        await page.getByLabel('Money and property').fill('£42.10 private cash, two property bags');
        await page.getByRole('button', { name: 'Save medication, ID and property' }).click();
        await expectText(page.locator('.govuk-notification-banner--success'), 'Medication, ID and property saved');
        await expectText(page.locator('main'), 'Sertraline 50mg: 14 days supplied');
        await look();

        const plan = await planOf(episodeId);
        expect(plan.pathways.find((p: { id: string }) => p.id === eteId)).toMatchObject({
          status: 'IN_PROGRESS',
          ownerName: 'Pat Tutor, head of learning',
          responsibleOrganisation: { id: org.yoi.id },
          actions: [{ description: 'Functional skills maths level 1 exam' }],
        });
        expect(plan.releaseDay).toEqual({
          medication: 'Sertraline 50mg: 14 days supplied',
          idDocuments: 'Birth certificate, in property',
          moneyAndProperty: '£42.10 private cash, two property bags',
          metByName: null,
        });
        expect(plan.history.filter((e: { recordedByName: string }) => e.recordedByName === 'Ola Officer')).toEqual(
          expect.arrayContaining([expect.objectContaining({ type: 'RELEASE_DAY_PLANNED' })]),
        );
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
