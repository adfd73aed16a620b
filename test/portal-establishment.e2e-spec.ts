import { Role } from '@resettle/access';
import { addDays, dayOfWeek, previousWorkingDay } from '@resettle/common';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21, the establishment's workspace: the secure establishment's staff record a sentence for a child they hold
 * (previewed with the api's release-date calculator, then what it changed in the plan's deadlines) and early release
 * of the DTO, where a Saturday is the api's refusal shown against the field. In Chromium against the real portal,
 * api, PostgreSQL and Redis, with and without JavaScript, axe on each new page, 320 px wide. The fine-grained cases
 * (every message, who sees the links, the deadline diff) are unit tests of `establishment-forms.ts` and api tests.
 */
describe('the establishment records a sentence and early release (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const STAFF = 'officer@establishment-yoi.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'ES', place: 'Eastbridge', establishment: 'HMYOI Eastfield' }));
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: org.yoi.id, roles: [Role.ESTABLISHMENT_STAFF], email: STAFF });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      {
        familyName: 'Establishment',
        bornIn: '2010-06',
        gender: 'FEMALE',
      },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  let children: Children;
  /** On remand, with today's hearing waiting for its outcome: the sentence page says the sentence closes it. */
  const remandedChild = async (givenName: string) => {
    const { episodeId, version } = await children.remanded(givenName);
    await manager.ok(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
      input: {
        episodeId,
        expectedVersion: version,
        hearingDate: h.t.clock.today(),
        court: 'Eastbridge Youth Court',
        purpose: 'Sentencing',
      },
    });
    return episodeId;
  };

  const episodeOf = async (id: string) =>
    (
      await manager.ok(
        `query($id: ID!) { custodialEpisode(id: $id) { status sentenceType earliestReleaseDate midTermDate earlyReleaseDate
          hearings { outcome } } }`,
        { id },
      )
    ).custodialEpisode;

  it.each([true, false])(
    'records a sentence and early release on a working day (JavaScript: %s)',
    async (js) => {
      const episodeId = await remandedChild(js ? 'Erin' : 'Fern');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        expect({ url: page.url(), width: await pageWidth(page) }).toEqual({ url: page.url(), width: 320 });
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const fillDate = async (legend: string, day: string) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
        await group.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
        await group.getByLabel('Year').fill(day.slice(0, 4));
      };
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, STAFF);
        await page.goto(`/plans/${episodeId}`);
        await expectText(page.locator('#custody-links'), 'Record a sentence');
        // On remand there is no DTO yet: no early release link.
        expect(await page.getByRole('link', { name: 'Record early release' }).count()).toBe(0);

        // ---------------------------------------------------------------- the sentence, previewed, then saved
        await page.getByRole('link', { name: 'Record a sentence' }).click();
        await expectText(page.locator('h1'), 'Record a sentence');
        await expectText(page.locator('#waiting-hearing'), 'also records that hearing’s outcome as sentenced');
        await look();
        await page.getByRole('button', { name: 'See the release dates' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select the type of sentence');
        expect(await page.title()).toMatch(/^Error: /);
        await page.getByLabel('Detention and training order (DTO)').check();
        await fillDate('Date of the sentence', h.t.clock.today());
        await page.getByLabel('Length of the sentence').fill('12');
        await page.getByRole('button', { name: 'See the release dates' }).click();
        await expectText(page.locator('h1'), 'Check the release dates');
        await expectText(page.locator('#release-dates'), 'Earliest release (early release)');
        expect(await page.locator('#explanation li').count()).toBeGreaterThan(0);
        await expectText(
          page.locator('#waiting-hearing'),
          'Saving this sentence also records the outcome of the hearing at Eastbridge Youth Court',
        );
        expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        await look();
        // Nothing is saved by the preview.
        expect((await episodeOf(episodeId)).sentenceType).toBeNull();
        await page.getByRole('button', { name: 'Save the sentence' }).click();
        await expectText(page.locator('h1'), 'Sentence recorded');
        await expectText(page.locator('main'), 'What changed in the plan’s deadlines');
        expect(await page.locator('#deadlines-moved, #deadlines-added, #deadlines-removed').count()).toBeGreaterThan(0);
        await look();
        const sentenced = await episodeOf(episodeId);
        expect(sentenced).toMatchObject({ status: 'SENTENCED', sentenceType: 'DTO', earlyReleaseDate: null });
        expect(sentenced.hearings).toEqual([{ outcome: 'SENTENCED' }]);

        // ---------------------------------------------------------------- early release: a Saturday is refused
        await page.getByRole('link', { name: 'Back to the plan' }).first().click();
        await page.getByRole('link', { name: 'Record early release' }).click();
        await expectText(page.locator('h1'), 'Record early release');
        await look();
        let saturday = addDays(sentenced.earliestReleaseDate, 3);
        while (dayOfWeek(saturday) !== 6) saturday = addDays(saturday, 1);
        await fillDate('Which day is early release granted for?', saturday);
        await page.getByRole('button', { name: 'Record early release' }).click();
        await expectText(
          page.locator('.govuk-error-summary'),
          'is not a working day: the nearest earlier working day is',
        );
        expect(await page.title()).toMatch(/^Error: /);
        expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#releaseOnDay');
        await look();
        expect((await episodeOf(episodeId)).earlyReleaseDate).toBeNull();
        const friday = previousWorkingDay(saturday);
        await fillDate('Which day is early release granted for?', friday);
        await page.getByRole('button', { name: 'Record early release' }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${episodeId}`);
        await expectText(page.locator('.govuk-notification-banner--success'), 'Early release is recorded');
        expect((await episodeOf(episodeId)).earlyReleaseDate).toBe(friday);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});

/** How wide the page is drawn: wider than the window means scrolling sideways. */
