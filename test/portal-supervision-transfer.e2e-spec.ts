import { Role } from '@resettle/access';
import { expectText } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 21 in the portal: after a child's supervision moves to another youth justice service, the plan page shows the
 * move (from, to, when, why) to the service that now holds the case. With and without JavaScript, axe on the page.
 * The transfer itself is made through the api here; its rules are in test/supervision-transfer.e2e-spec.ts.
 */
describe('a supervision transfer on the plan page (browser)', () => {
  let h: PortalHarness;
  let westManager: Session;
  let children: Children;
  const org: Record<string, { id: string }> = {};
  const east: Record<string, { id: string }> = {};
  const EAST_MANAGER = 'manager@supervision-east.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'SW', place: 'Westmoor', establishment: 'HMYOI Stonegate' }));
    Object.assign(east, await insertArea(h.t, { code: 'SE', place: 'Eastmoor', establishment: 'HMYOI Eastgate' }));
    westManager = await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER] });
    await h.t.userSession({ organisationId: east.yjs.id, roles: [Role.YJS_MANAGER], email: EAST_MANAGER });
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
});
