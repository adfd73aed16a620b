import { DataSource } from 'typeorm';
import { Caller, Role } from '@resettle/access';
import { FixedClock } from '@resettle/common';
import { CustodyModule, EpisodeCommands } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { MilestonesModule, MilestonesService } from '@resettle/milestones';
import { PlanningModule, PlanningService } from '@resettle/planning';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { TestApp } from './support/test-app';

/**
 * The rules that hang on custody ("every episode has a plan", "milestones follow every change") live in the feature
 * modules, not the GraphQL ones: a plain Nest application context with only the feature modules (a script, the
 * worker) starts an episode and gets its plan and milestones in the same transaction.
 */
describe('feature modules without GraphQL', () => {
  let t: TestApp;
  let w: AccessWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
  });
  afterAll(async () => t?.stop());

  it('a context importing only CustodyModule, PlanningModule and MilestonesModule gives a new episode its plan and milestones', async () => {
    const { registerChild } = await w.sessions[Role.YJS_MANAGER].ok<{ registerChild: { id: string } }>(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: 'Sealed',
          familyName: 'Module',
          dateOfBirth: '2010-04-12',
          gender: 'MALE',
          ethnicity: 'WHITE_BRITISH',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
          parentsCarers: [],
        },
      },
    );
    const [manager] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND 'YJS_MANAGER' = ANY(roles::text[]) LIMIT 1`,
      [w.a.youthJusticeService.id],
    );
    const caller: Caller = {
      actor: {
        userId: manager.id,
        organisationId: w.a.youthJusticeService.id,
        roles: [Role.YJS_MANAGER],
        authenticatedBy: 'PASSWORD',
      },
      operation: 'startCustodialEpisode',
      requestId: null,
      clientIp: null,
    };

    const result = await withScriptContext(
      {
        databaseUrl: t.db.ownerUrl,
        clock: new FixedClock(t.clock.now()),
        imports: [CustodyModule, PlanningModule, MilestonesModule],
      },
      async (app) => {
        const episode = await app.get(EpisodeCommands).startEpisode(
          {
            childId: registerChild.id,
            remandDate: '2026-11-20',
            establishmentId: w.a.establishment.id,
            supervisingServiceId: w.a.youthJusticeService.id,
          },
          caller,
        );
        const [plans] = await app.get(PlanningService).plansOfEpisodes([episode.id]);
        const [milestones] = await app.get(MilestonesService).milestonesOfEpisodes([episode.id]);
        const outbox = await app
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM outbox_message WHERE payload->'milestoneIds' ?| $1::text[]`, [
            milestones.map((m) => m.id),
          ]);
        return { episode, plans, milestones, outbox: outbox[0].n as number };
      },
    );

    expect(result.plans).toMatchObject({ episodeId: result.episode.id, childId: registerChild.id });
    expect(result.milestones.length).toBeGreaterThan(0);
    expect(result.milestones.every((m) => m.episodeId === result.episode.id && m.status === 'PENDING')).toBe(true);
    // The engine hears of them as from the api: one schedule row for the change.
    expect(result.outbox).toBe(1);
  });
});
