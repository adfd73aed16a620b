import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21, facts not ticks: before a remanded child's hearing, the supervising service records on the plan's court
 * hearings table that children's services were told of it (the day, who told them, whom they told), which meets the
 * deadline "children's services informed" with that record as its evidence. A day after today is refused by the api,
 * against the field. The establishment holding the child is told the record is not theirs. In Chromium against the
 * real portal, api, PostgreSQL and Redis, with and without JavaScript, axe on each page, 320 px wide. The rules are
 * api tests (test/hearings.e2e-spec.ts).
 */
describe("the supervising service records that children's services were told of a hearing (browser)", () => {
  let h: PortalHarness;
  let manager: Session;
  let children: Children;
  const org: Record<string, { id: string; name: string }> = {};
  const CASE_MANAGER = 'sam.okafor@told-yjs.example.com';
  const STAFF = 'officer@told-yoi.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'TL', place: 'Tellford', establishment: 'HMYOI Tellgate' }));
    manager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: CASE_MANAGER,
      givenName: 'Sam',
      familyName: 'Okafor',
    });
    await h.t.userSession({ organisationId: org.yoi.id, roles: [Role.ESTABLISHMENT_STAFF], email: STAFF });
    children = new Children(
      h.t,
      manager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Told', bornIn: '2010-06', gender: 'FEMALE' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  const addDays = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const govuk = (day: string) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  const remandedWithHearing = async (givenName: string) => {
    const { episodeId, version } = await children.remanded(givenName);
    const hearingDate = addDays(h.t.clock.today(), 7);
    await manager.ok(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
      input: {
        episodeId,
        expectedVersion: version,
        hearingDate,
        court: 'Tellford Youth Court',
        purpose: 'Bail application',
      },
    });
    return { episodeId, hearingDate };
  };
  const milestoneOf = async (episodeId: string) =>
    (
      await manager.ok(`query($id: ID!) { milestones(episodeId: $id) { key status evidence } }`, { id: episodeId })
    ).milestones.find((m: { key: string }) => m.key === 'HEARING_CHILDRENS_SERVICES_INFORMED');

  it.each([true, false])(
    'records it from the hearings table, and the deadline is met by the record (JavaScript: %s)',
    async (js) => {
      const { episodeId, hearingDate } = await remandedWithHearing(js ? 'Tia' : 'Tess');
      expect(await milestoneOf(episodeId)).toMatchObject({ status: 'PENDING', evidence: null });
      const { context, page } = await h.person({ javaScriptEnabled: js });
      const violations: string[] = [];
      const look = async () => {
        expect(await pageWidth(page)).toBe(320);
        violations.push(...(await h.accessibilityViolations(page)));
      };
      const today = h.t.clock.today();
      const fillDate = async (legend: string, day: string) => {
        const group = page.getByRole('group', { name: legend });
        await group.getByLabel('Day').fill(String(Number(day.slice(8, 10))));
        await group.getByLabel('Month').fill(String(Number(day.slice(5, 7))));
        await group.getByLabel('Year').fill(day.slice(0, 4));
      };
      const summary = page.locator('.govuk-error-summary');
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await expectText(page.locator('#hearings'), 'Not told yet');
        await look();
        await page.getByRole('link', { name: /Record that children’s services were told/ }).click();
        expect(new URL(page.url()).pathname).toBe(
          `/episodes/${episodeId}/hearings/${await hearingId(episodeId)}/childrens-services`,
        );
        await expectText(page.locator('#authority'), 'Tellford');
        await look();

        // Nothing typed: the summary names both fields.
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(summary, 'Enter the day children’s services were told');
        await expectText(summary, 'Enter who told children’s services');
        await look();
        // A day still to come: the api refuses it, against the date, and nothing is written.
        await fillDate('Day children’s services were told', addDays(today, 1));
        await page.getByLabel('Who told them').fill('Sam Okafor, case manager');
        await page.getByLabel('Whom they told (optional)').fill('Duty social worker');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('h1'), 'Check your answers');
        await page.getByRole('button', { name: 'Record that children’s services were told' }).click();
        await expectText(summary, 'cannot be in the future');
        expect(await summary.locator('a').getAttribute('href')).toBe('#informedOnDay');
        await look();
        expect(await milestoneOf(episodeId)).toMatchObject({ status: 'PENDING' });

        await fillDate('Day children’s services were told', today);
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('#answers'), 'Duty social worker');
        await look();
        await page.getByRole('button', { name: 'Record that children’s services were told' }).click();
        await page.waitForURL((url) => url.pathname === `/plans/${episodeId}`);
        await expectText(
          page.locator('.govuk-notification-banner--success'),
          `Recorded: children’s services were told on ${govuk(today)}`,
        );
        await expectText(
          page.locator('#hearings'),
          `Told on ${govuk(today)} by Sam Okafor, case manager (told: Duty social worker)`,
        );
        await look();
        expect(await milestoneOf(episodeId)).toMatchObject({
          status: 'MET',
          evidence: {
            type: 'ChildrensServicesInformed',
            hearingDate,
            informedOn: today,
            informedBy: 'Sam Okafor, case manager',
            informedWhom: 'Duty social worker',
          },
        });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('tells the establishment holding the child that the record is the supervising service’s', async () => {
    const { episodeId } = await remandedWithHearing('Tamsin');
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, STAFF);
      const res = await page.goto(`/episodes/${episodeId}/hearings/${await hearingId(episodeId)}/childrens-services`);
      expect(res?.status()).toBe(403);
      await expectText(page.locator('.govuk-error-summary'), 'only Tellford');
      expect(await h.accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  async function hearingId(episodeId: string): Promise<string> {
    const [row] = await h.t.dataSource.query(`SELECT id FROM court_hearing WHERE episode_id = $1`, [episodeId]);
    return row.id;
  }
});
