import { Role } from '@resettle/access';
import { addWorkingDays, workingDaysBetween } from '@resettle/common';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { Children, insertArea, sendAccommodationReferral } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 22, "response times, watched", in the browser: the council's inbox tags each referral with its response
 * target ("Response due 3 Dec") or how far past it the council is ("Overdue by 3 working days"), and the referral's
 * page says the target. With and without JavaScript, axe clean, no sideways scrolling at 320 px.
 */
describe('council response tags (browser)', () => {
  let h: PortalHarness;
  let service: Session;
  const OFFICER = 'officer.clock@partner.example.com';
  let late: { id: string };
  /** The portal's api runs on the wall clock: the expected tags are worked out from today. */
  let freshTag: string;
  let lateTag: string;
  const dayAndMonth = (d: string) =>
    `${Number(d.slice(8, 10))} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(d.slice(5, 7)) - 1]}`;

  beforeAll(async () => {
    h = await PortalHarness.start();
    const org = await insertArea(h.t, { code: 'RT', place: 'Clocktown', establishment: 'HMYOI Clockfield' });
    service = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'manager@clock.example.com',
    });
    await h.t.userSession({ organisationId: org.la.id, roles: [Role.LA_ACCOMMODATION_OFFICER], email: OFFICER });
    const children = new Children(
      h.t,
      service,
      { la: org.la, yjs: org.yjs, yoi: org.yoi },
      {
        familyName: 'Clock',
        bornIn: '2010-03',
        gender: 'FEMALE',
      },
    );
    const today = h.t.clock.today();
    // Sent today: to be acknowledged within 2 working days.
    freshTag = `Response due ${dayAndMonth(addWorkingDays(today, 2))}`;
    const fresh = await children.sentenced('Ada', 12, { familyName: 'Fresh' });
    await sendAccommodationReferral(service, fresh.episodeId, org.la.id);
    // Sent 6 working days ago: due 2 working days later, so some working days overdue by today.
    const sentOn = addWorkingDays(today, -6);
    const overdue = workingDaysBetween(addWorkingDays(sentOn, 2), today);
    lateTag = `Overdue by ${overdue} working days`;
    const old = await children.sentenced('Bo', 12, { familyName: 'Late' });
    late = await sendAccommodationReferral(service, old.episodeId, org.la.id);
    await h.t.dataSource.query(`UPDATE referral SET status_since = $2 WHERE id = $1`, [late.id, `${sentOn}T12:00:00Z`]);
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  for (const javaScriptEnabled of [true, false]) {
    const run = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    it(`the officer sees when each response is due, and which is overdue, ${run}`, async () => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, OFFICER);
        await page.goto('/referrals');
        await expectText(page.locator('tr', { hasText: 'Ada Fresh' }).locator('.app-response-due'), freshTag);
        await expectText(page.locator('tr', { hasText: 'Bo Late' }).locator('.app-response-due'), lateTag);
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        expect(await h.accessibilityViolations(page)).toEqual([]);

        await page.goto(`/referrals/${late.id}`);
        await expectText(page.locator('#response-due'), lateTag);
        await expectText(page.locator('#response-due'), 'acknowledge a referral within 2 working days');
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
