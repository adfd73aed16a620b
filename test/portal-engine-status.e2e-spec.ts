import { INestApplicationContext } from '@nestjs/common';
import { Role } from '@resettle/access';
import { Clock } from '@resettle/common';
import { PortalHarness } from './support/portal-harness';

/**
 * The deadline engine's status page in the portal, for national admins (support): with no worker reporting it says
 * deadline actions are not being taken; once a worker runs, that it is healthy. Others get the GOV.UK "no access"
 * page. With and without JavaScript, axe-clean.
 */
describe('portal: the deadline engine status (browser)', () => {
  let h: PortalHarness;
  let worker: INestApplicationContext | undefined;
  const ADMIN = 'support.admin@portal.example.com';
  const CASE_MANAGER = 'case.manager@portal.example.com';

  beforeAll(async () => {
    h = await PortalHarness.start();
    const [la] = await h.t.dataSource.query(
      `INSERT INTO organisation (code, name, type, nation, region) VALUES ('LA-ES', 'Engine Council', 'LOCAL_AUTHORITY', 'ENGLAND', 'Test') RETURNING id`,
    );
    const [yjs] = await h.t.dataSource.query(
      `INSERT INTO organisation (code, name, type, local_authority_id, email_domains) VALUES ('YJS-ES', 'Engine YJS', 'YOUTH_JUSTICE_SERVICE', $1, '{portal.example.com}') RETURNING id`,
      [la.id],
    );
    await h.t.userSession({ organisationId: yjs.id, roles: [Role.NATIONAL_ADMIN], email: ADMIN });
    await h.t.userSession({ organisationId: yjs.id, roles: [Role.YJS_CASE_MANAGER], email: CASE_MANAGER });
  });

  afterAll(async () => {
    await worker?.close();
    await h?.stop();
  });

  it.each([true, false])(
    'a national admin sees whether every deadline action is being taken (JavaScript %s)',
    async (javaScriptEnabled) => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await h.signIn(page, ADMIN);
        await page.getByRole('link', { name: 'Deadline engine' }).click();
        await page.waitForURL('**/admin/deadline-engine');
        if (!worker) {
          await expectText(page, 'Something needs attention');
          await expectText(page, 'No worker has reported recently: deadline actions are not being taken');
          expect(await h.accessibilityViolations(page)).toEqual([]);
          // A worker starts (in this process, on the same database, Redis prefix and clock) and reports.
          const { createWorkerApp } =
            require('../apps/worker/src/create-worker-app') as typeof import('../apps/worker/src/create-worker-app');
          worker = await createWorkerApp((b) => b.overrideProvider(Clock).useValue(h.t.clock));
          for (let i = 0; i < 50 && !(await h.t.dataSource.query(`SELECT 1 FROM deadline_engine_status`)).length; i++)
            await new Promise((r) => setTimeout(r, 100));
          await page.reload();
        }
        await expectText(page, 'Healthy');
        await expectText(page, 'Every reminder, due date and escalation is being taken on time.');
        expect(await page.getByRole('cell', { name: 'milestones', exact: true }).count()).toBe(1);
        await expectText(page, 'worker started');
        expect(await h.accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  // Every browser test trusts this check to find problems: it must not pass a page that has them.
  it.each([true, false])(
    'the accessibility check reports what is wrong with a page (JavaScript %s)',
    async (javaScriptEnabled) => {
      const { context, page } = await h.person({ javaScriptEnabled });
      try {
        await page.goto('/health');
        await page.setContent(
          `<!doctype html><html><head><title>Broken</title></head><body>
             <main><img src="/missing.png"><a href="/caseload"></a>
             <label>Nothing labelled</label><input type="text"></main></body></html>`,
        );
        const violations = await h.accessibilityViolations(page);
        expect(violations.map((v) => v.split(' ')[0]).sort()).toEqual(
          ['html-has-lang', 'image-alt', 'label', 'link-name'].sort(),
        );
        expect(violations.find((v) => v.startsWith('image-alt'))).toContain('at img');
      } finally {
        await context.close();
      }
    },
  );

  it('anyone else gets the "no access" page and no link to it', async () => {
    const { context, page } = await h.person({ javaScriptEnabled: false });
    try {
      await h.signIn(page, CASE_MANAGER);
      expect(await page.getByRole('link', { name: 'Deadline engine' }).count()).toBe(0);
      const response = await page.goto('/admin/deadline-engine');
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').innerText()).not.toMatch(/Deadline engine/);
    } finally {
      await context.close();
    }
  });
});

async function expectText(page: import('playwright-core').Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}
