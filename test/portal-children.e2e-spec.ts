import type { Page } from 'playwright-core';
import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Session } from './support/test-app';

/**
 * Issue 20, "Finding a child": a case manager finds a child by part of a name typed without accents, by date of birth
 * or by reference, in a real browser with and without JavaScript, and follows the result to the child's plan; a bad
 * date is the error summary against the field; another area's child is never found; axe on each state, 320 px.
 */
describe('find a child (browser)', () => {
  let h: PortalHarness;
  const org: Record<string, { id: string; name: string }> = {};
  const CASE_MANAGER = 'case.manager@find.example.com';
  const episodeOf: Record<string, string> = {};

  beforeAll(async () => {
    h = await PortalHarness.start();
    const insertOrg = async (key: string, code: string, name: string, type: string, la: string | null = null) => {
      [org[key]] = await h.t.dataSource.query(
        `INSERT INTO organisation (code, name, type, local_authority_id, nation, region) VALUES ($1, $2, $3, $4, 'ENGLAND', 'Test') RETURNING id, name`,
        [code, name, type, la],
      );
    };
    await insertOrg('la', 'LA-FC', 'Findtown Council', 'LOCAL_AUTHORITY');
    await insertOrg('otherLa', 'LA-FO', 'Elsewhere Council', 'LOCAL_AUTHORITY');
    await insertOrg('yjs', 'YJS-FC', 'Findtown Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', org.la.id);
    await insertOrg('otherYjs', 'YJS-FO', 'Elsewhere Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', org.otherLa.id);
    await insertOrg('yoi', 'YOI-FC', 'HMYOI Findfield', 'YOI');
    const manager = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'm@find.example.com',
    });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    const otherManager = await h.t.userSession({
      organisationId: org.otherYjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'm@elsewhere.example.com',
    });
    await childInCustody(manager, org.yjs.id, 'Zoë', 'Ávila', '2010-03-03');
    await childInCustody(manager, org.yjs.id, 'Amir', 'Khan', '2011-07-14');
    // Another area's child with a name that would match: never found from Findtown.
    await childInCustody(otherManager, org.otherYjs.id, 'Zoe', 'Avilés', '2010-03-03');
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  async function childInCustody(service: Session, yjsId: string, givenName: string, familyName: string, dob: string) {
    const { registerChild: child } = await service.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      { input: { givenName, familyName, dateOfBirth: dob, gender: 'FEMALE', lookedAfter: false } },
    );
    const { startCustodialEpisode: episode } = await service.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
      {
        input: {
          childId: child.id,
          establishmentId: org.yoi.id,
          supervisingServiceId: yjsId,
          remandDate: h.t.clock.today(),
        },
      },
    );
    episodeOf[`${givenName} ${familyName}`] = episode.id;
    episodeOf[`${givenName} ${familyName}:child`] = child.id;
  }

  const found = async (page: Page) =>
    (await page.locator('#children-found td[data-label="Child"] a').allTextContents()).map((t) => t.trim()).sort();

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`a case manager finds a child by name, date of birth or reference and opens the plan, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      const violations: string[] = [];
      const check = async () => {
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        violations.push(...(await h.accessibilityViolations(page)));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        // In the service navigation (behind its "Menu" button at 320 px with JavaScript).
        expect(await page.locator('.govuk-service-navigation a[href="/children"]').textContent()).toContain(
          'Find a child',
        );
        await page.goto('/children');
        await check();

        // Part of the name, typed without accents and in capitals: only this area's Zoë, not Elsewhere's Zoe.
        await page.getByLabel('Name').fill('ZOE AV');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((url) => url.searchParams.get('name') === 'ZOE AV');
        await expectText(page.locator('#found-count'), '1 child found');
        expect(await found(page)).toEqual(['Zoë Ávila']);
        await check();

        // By date of birth alone.
        await page.getByLabel('Name').fill('');
        await page.getByLabel('Day').fill('14');
        await page.getByLabel('Month').fill('7');
        await page.getByLabel('Year').fill('2011');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((url) => url.searchParams.get('dobDay') === '14');
        expect(await found(page)).toEqual(['Amir Khan']);

        // A date that does not exist: the error summary against the date, the title says "Error:".
        await page.getByLabel('Day').fill('30');
        await page.getByLabel('Month').fill('2');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((url) => url.searchParams.get('dobDay') === '30');
        await expectText(page.locator('.govuk-error-summary'), 'Date of birth must be a real date');
        expect(await page.title()).toMatch(/^Error:/);
        await check();

        // By reference (the other area's child's reference finds nothing), then the plan.
        await page.getByLabel('Day').fill('');
        await page.getByLabel('Month').fill('');
        await page.getByLabel('Year').fill('');
        await page.getByLabel('Reference').fill(episodeOf['Zoe Avilés:child']);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((url) => url.searchParams.has('reference'));
        await expectText(page.locator('#found-count'), '0 children found');
        await check();
        await page.getByLabel('Reference').fill(episodeOf['Amir Khan:child']);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((url) => url.searchParams.get('reference') === episodeOf['Amir Khan:child']);
        expect(await found(page)).toEqual(['Amir Khan']);
        await page.getByRole('link', { name: 'Amir Khan' }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${episodeOf['Amir Khan']}`);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it('a name of one letter is refused by the api, shown against the name', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, CASE_MANAGER);
      await page.goto('/children?name=Z');
      await expectText(page.locator('.govuk-error-summary'), '2');
      expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#name');
      expect(await h.accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
