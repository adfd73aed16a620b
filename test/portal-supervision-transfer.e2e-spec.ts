import { Role } from '@resettle/access';
import { expectText } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21 in the portal: after a child's supervision moves to another youth justice service, the plan page shows the
 * move (from, to, when, why) to the service that now holds the case; and the manager moves it through the form, naming
 * the receiving service's case manager once the service is chosen. With and without JavaScript, axe on each page.
 * The api's rules are in test/supervision-transfer.e2e-spec.ts.
 */
describe('a supervision transfer on the plan page (browser)', () => {
  let h: PortalHarness;
  let westManager: Session;
  let children: Children;
  const org: Record<string, { id: string }> = {};
  const east: Record<string, { id: string }> = {};
  const EAST_MANAGER = 'manager@supervision-east.example.com';
  const WEST_MANAGER = 'manager@supervision-west.example.com';
  let eastCaseManagerId: string;

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'SW', place: 'Westmoor', establishment: 'HMYOI Stonegate' }));
    Object.assign(east, await insertArea(h.t, { code: 'SE', place: 'Eastmoor', establishment: 'HMYOI Eastgate' }));
    westManager = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: WEST_MANAGER,
    });
    await h.t.userSession({ organisationId: east.yjs.id, roles: [Role.YJS_MANAGER], email: EAST_MANAGER });
    // Eastmoor's one case manager: the form offers her (and not Eastmoor's manager, who holds no case manager role).
    eastCaseManagerId = (
      await h.t.userSession({
        organisationId: east.yjs.id,
        roles: [Role.YJS_CASE_MANAGER],
        email: 'rhian.evans@supervision-east.example.com',
        givenName: 'Rhian',
        familyName: 'Evans',
      })
    ).userId;
    children = new Children(
      h.t,
      westManager,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      { familyName: 'Mover', bornIn: '2010-05' },
    );
  }, 120_000);
  afterAll(async () => h?.stop(), 120_000);

  it.each([true, false])('the receiving service sees the move on the plan (JavaScript: %s)', async (js) => {
    const { episodeId, version } = await children.remanded(js ? 'Carys' : 'Dafydd');
    // The portal's api runs on the real clock, and the child was remanded today: the move takes effect today.
    const today = new Date().toISOString().slice(0, 10);
    const shown = new Date(`${today}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await westManager.ok(`mutation($input: TransferSupervisionInput!) { transferSupervision(input: $input) { id } }`, {
      input: {
        episodeId,
        expectedVersion: version,
        toServiceId: east.yjs.id,
        effectiveDate: today,
        reason: 'Moved to live with grandparents',
      },
    });
    const { context, page } = await h.person({ javaScriptEnabled: js });
    try {
      await h.signIn(page, EAST_MANAGER);
      await page.goto(`/plans/${episodeId}`);
      await expectText(page.getByRole('heading', { level: 2, name: 'Moves between youth justice services' }), 'Moves');
      const row = page.locator('#supervision-transfers tbody tr');
      expect(await row.count()).toBe(1);
      const cells = await row.locator('td').allTextContents();
      expect(cells.map((c) => c.trim())).toEqual([
        expect.stringContaining('Westmoor'),
        expect.stringContaining('Eastmoor'),
        shown,
        'Moved to live with grandparents',
      ]);
      expect(await h.accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([true, false])(
    'the manager moves the supervision through the form, and the plan is no longer theirs (JavaScript: %s)',
    async (js) => {
      const { episodeId, version } = await children.remanded(js ? 'Elin' : 'Gethin');
      const today = new Date().toISOString().slice(0, 10);
      const [year, month, day] = today.split('-');
      const { context, page } = await h.person({ javaScriptEnabled: js });
      try {
        await h.signIn(page, WEST_MANAGER);
        await page.goto(`/plans/${episodeId}`);
        await page.getByRole('link', { name: 'Move to another youth justice service' }).click();
        expect(page.url()).toContain(`/episodes/${episodeId}/transfer-supervision`);
        expect(await h.accessibilityViolations(page)).toEqual([]);

        // Nothing chosen: the error summary names the fields.
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select the youth justice service taking over');
        await expectText(page.locator('.govuk-error-summary'), 'Enter the reason for the move');
        // Its own service is not among the choices.
        const choices = await page.locator('#toServiceId option').allTextContents();
        expect(choices).toContain('Eastmoor Youth Justice Service');
        expect(choices).not.toContain('Westmoor Youth Justice Service');

        // The service first, then its case managers (a step of its own: no JavaScript needed).
        await expectText(page.locator('#case-manager-step'), 'choose the service, then show its case managers');
        await page.locator('#toServiceId').selectOption({ label: 'Eastmoor Youth Justice Service' });
        await page.getByRole('button', { name: "Show the service's case managers" }).click();
        const people = await page.locator('#caseManagerId option').allTextContents();
        expect(people.map((p) => p.trim())).toEqual([
          'No one yet: a manager of Eastmoor Youth Justice Service assigns one',
          'Rhian Evans',
        ]);
        expect(await h.accessibilityViolations(page)).toEqual([]);
        await page.getByLabel('Case manager at Eastmoor Youth Justice Service (optional)').selectOption({
          label: 'Rhian Evans',
        });
        await page.locator('#effectiveDateDay').fill(day);
        await page.locator('#effectiveDateMonth').fill(month);
        await page.locator('#effectiveDateYear').fill(year);
        await page.getByLabel('Reason for the move').fill('Moved to live with an aunt');
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('#answers'), 'Eastmoor Youth Justice Service');
        await expectText(page.locator('#answers'), 'Rhian Evans');
        expect(await h.accessibilityViolations(page)).toEqual([]);

        if (!js) {
          // Someone changed the record meanwhile: the error summary, and nothing moved.
          await westManager.ok(`mutation($input: TransferEpisodeInput!) { transferEpisode(input: $input) { id } }`, {
            input: {
              episodeId,
              expectedVersion: version,
              toEstablishmentId: east.yoi.id,
              transferDate: today,
              reason: 'Nearer home',
            },
          });
          await page.getByRole('button', { name: 'Move the supervision' }).click();
          await expectText(page.locator('.govuk-error-summary'), 'Nothing was saved');
          // The answers are kept, the case manager chosen with them.
          expect(await page.locator('#caseManagerId').inputValue()).toBe(eastCaseManagerId);
          await page.getByRole('button', { name: 'Continue' }).click();
        }
        await page.getByRole('button', { name: 'Move the supervision' }).click();
        expect(new URL(page.url()).pathname).toBe('/caseload');
        await expectText(
          page.locator('.govuk-notification-banner--success'),
          `The supervision of ${js ? 'Elin' : 'Gethin'} Mover has moved to Eastmoor Youth Justice Service`,
        );
        const [moved] = await h.t.dataSource.query(
          `SELECT supervising_service_id AS "serviceId", case_manager_id AS "caseManagerId" FROM custodial_episode WHERE id = $1`,
          [episodeId],
        );
        expect(moved).toEqual({ serviceId: east.yjs.id, caseManagerId: eastCaseManagerId });
        const plan = await page.goto(`/plans/${episodeId}`);
        // The api no longer shows the plan to the old service: not found, as for any record not theirs.
        expect(plan?.status()).toBe(404);
      } finally {
        await context.close();
      }
    },
  );
});
