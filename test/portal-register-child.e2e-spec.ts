import { Role } from '@resettle/access';
import { expectText, pageWidth } from './support/page-checks';
import { PortalHarness } from './support/portal-harness';
import { insertArea } from './support/portal-world';
import { Session } from './support/test-app';

/**
 * Issue 20, "Registering a child": a case manager goes from Find a child to Register a child, is told what is missing
 * against the fields, checks the answers, is shown a child already recorded with a similar name and the same date of
 * birth and must tick them as another child to go on, then starts the new child's custody (remand) and lands on the
 * plan; with and without JavaScript, axe on each new page. The fine-grained rules are in child-forms.spec.ts.
 */
describe('register a child and start custody (browser)', () => {
  let h: PortalHarness;
  let manager: Session;
  const org: Record<string, { id: string; name: string }> = {};
  const CASE_MANAGER = 'case.manager@register.example.com';
  const STAFF = 'staff@regfield.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    Object.assign(org, await insertArea(h.t, { code: 'RC', place: 'Regtown', establishment: 'HMYOI Regfield' }));
    manager = await h.t.userSession({
      organisationId: org.yjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'm@register.example.com',
    });
    await h.t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
    await h.t.userSession({ organisationId: org.yoi.id, roles: [Role.ESTABLISHMENT_STAFF], email: STAFF });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
  }, 120_000);

  it.each([true, false])(
    'a case manager registers a child past a possible duplicate and starts custody (JavaScript %s)',
    async (javaScriptEnabled) => {
      // Each run its own birthday: the child already recorded, one letter from the name typed.
      const [day, month, year] = javaScriptEnabled ? ['4', '5', '2011'] : ['6', '7', '2011'];
      await manager.ok(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
        input: {
          givenName: 'Ruby',
          familyName: 'Marsh',
          dateOfBirth: `${year}-0${month}-0${day}`,
          gender: 'FEMALE',
          lookedAfter: false,
        },
      });
      const { context, page } = await h.person({ javaScriptEnabled });
      const violations: string[] = [];
      const check = async () => violations.push(...(await h.accessibilityViolations(page)));
      try {
        await page.setViewportSize({ width: 320, height: 640 });
        await h.signIn(page, CASE_MANAGER);
        await page.goto('/children');
        await page.locator('#register-link').click();
        await page.waitForURL('**/children/register');
        await check();

        // Nothing typed: the error summary, each message against its field.
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Enter the child’s first name');
        expect(await page.locator('.govuk-error-summary a[href="#dobDay"]').textContent()).toContain(
          'Enter date of birth',
        );
        expect(await page.title()).toMatch(/^Error:/);

        await page.getByLabel('First name', { exact: true }).fill('Rubi');
        await page.getByLabel('Last name').fill('Marsh');
        await page.getByLabel('Day').fill(day);
        await page.getByLabel('Month').fill(month);
        await page.getByLabel('Year').fill(year);
        await page.getByLabel('Female').check();
        await page.getByLabel('Local authority the child comes from').selectOption({ label: 'Regtown Council' });
        await page.getByLabel('Yes').check();
        await page.getByLabel('Local authority responsible for the child').selectOption({ label: 'Regtown Council' });
        await page.getByRole('button', { name: 'Continue' }).click();

        // Check your answers, with the child already recorded: going on needs them ticked as another child.
        await expectText(page.locator('h1'), 'Check your answers');
        await expectText(page.locator('#answers'), 'Yes, by Regtown Council');
        await expectText(page.locator('#duplicates-heading'), 'recorded already');
        expect(await page.locator('#duplicates').textContent()).toContain('Ruby Marsh is not the same child');
        expect(await pageWidth(page)).toBeLessThanOrEqual(320);
        await check();
        await page.getByRole('button', { name: 'Register the child' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Tick the child below if they are not the same child');
        await page.getByRole('checkbox').check();
        await page.getByRole('button', { name: 'Register the child' }).click();

        // Registered: on to starting custody.
        await page.waitForURL(/\/children\/[0-9a-f-]{36}\/custody$/);
        await expectText(page.locator('.govuk-notification-banner'), 'Rubi Marsh is registered');
        await check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('.govuk-error-summary'), 'Select whether the child was remanded or sentenced');
        await page.getByLabel('Remanded by a court').check();
        const remandedOn = new Date(Date.parse(h.t.clock.today()) - 2 * 86_400_000);
        await page.locator('#remandDateDay').fill(String(remandedOn.getUTCDate()));
        await page.locator('#remandDateMonth').fill(String(remandedOn.getUTCMonth() + 1));
        await page.locator('#remandDateYear').fill(String(remandedOn.getUTCFullYear()));
        await page.getByLabel('Which court remanded or sentenced the child?').fill('Regtown Youth Court');
        await page.getByLabel('Where is the child held?').selectOption({ label: 'HMYOI Regfield' });
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectText(page.locator('#answers'), 'Regtown Youth Court');
        await check();
        await page.getByRole('button', { name: 'Start custody' }).click();
        await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
        await expectText(page.locator('.govuk-notification-banner'), 'Custody started');
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('an establishment finds children but neither registers them nor starts custody', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, STAFF);
      await page.goto('/children');
      await expectText(page.locator('h1'), 'Find a child');
      expect(await page.locator('#register-link').count()).toBe(0);
      expect((await page.goto('/children/register'))?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);
});
