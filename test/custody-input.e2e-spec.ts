import { custodyWorld, Directory, expectError } from './support/custody-world';
import { Session, TestApp } from './support/test-app';

/**
 * The custody record end to end, its inputs: defaults left out, and bad input refused with nothing written.
 * GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23; DOMAIN.md "The custodial episode"
 * gives the rules the dates follow.
 * Shared setup and helpers: test/support/custody-world.ts.
 */
describe('the custody record: input (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { registerChild, mutate, episodeRowsOfChild } = world;
  let t: TestApp;
  let dir: Directory;
  let leeds: Session;
  beforeAll(() => {
    ({ t, dir, leeds } = world);
  });

  describe('input defaults', () => {
    it('leaves out fields that have defaults, on every call and not only the first', async () => {
      // The same documents each time, as a client sends them: the second call runs the compiled (jit) query.
      const register = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id careLeaver lookedAfter hasEhcp disabilities parentsCarers { hasParentalResponsibility } } }`;
      const start = `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id status sentences { remandDays } } }`;
      for (const n of [1, 2, 3]) {
        const child = await leeds.graphql(register, {
          input: {
            givenName: `Minimal${n}`,
            familyName: 'Tester',
            dateOfBirth: '2010-01-01',
            gender: 'FEMALE',
            parentsCarers: [{ name: 'Carer', relationship: 'Foster carer' }],
          },
        });
        expect(child.errors).toBeUndefined();
        expect(child.data.registerChild).toMatchObject({
          careLeaver: false,
          lookedAfter: false,
          hasEhcp: false,
          disabilities: [],
          parentsCarers: [{ hasParentalResponsibility: false }],
        });
        const ep = await leeds.graphql(start, {
          input: {
            childId: child.data.registerChild.id,
            establishmentId: dir.wetherby.id,
            supervisingServiceId: dir.leedsYjs.id,
            sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 6 },
          },
        });
        expect(ep.errors).toBeUndefined();
        expect(ep.data.startCustodialEpisode).toMatchObject({ status: 'SENTENCED', sentences: [{ remandDays: 0 }] });
      }
    });
  });

  it('the court that remanded the child is kept in the history and the first move', async () => {
    const child = await registerChild();
    const { mutateOk } = world;
    const ep = await mutateOk('startCustodialEpisode', {
      childId: child.id,
      establishmentId: dir.wetherby.id,
      supervisingServiceId: dir.leedsYjs.id,
      remandDate: '2026-11-20',
      court: ' Leeds Youth Court ',
    });
    expect(ep.history[0]).toMatchObject({
      type: 'EPISODE_STARTED',
      summary: `Remanded by Leeds Youth Court to ${dir.wetherby.name}`,
      details: expect.objectContaining({ court: 'Leeds Youth Court' }),
    });
    expect(ep.transfers[0].reason).toBe('Remanded to youth detention accommodation by Leeds Youth Court');
  });

  describe('bad input writes nothing', () => {
    async function refusedStart(extra: Record<string, unknown>, code: string, field?: string) {
      const child = await registerChild();
      const res = await mutate('startCustodialEpisode', {
        childId: child.id,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        ...extra,
      });
      expectError(res, code, field);
      expect(await episodeRowsOfChild(child.id)).toBe(0);
      return res;
    }

    it('a DTO of 30 months is BAD_USER_INPUT naming sentence.termMonths, and no episode exists', async () => {
      const events = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM episode_event`))[0].n);
      const transfers = Number(
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM establishment_transfer`))[0].n,
      );
      await refusedStart(
        { sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 30 } },
        'BAD_USER_INPUT',
        'sentence.termMonths',
      );
      expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM episode_event`))[0].n)).toBe(events);
      expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM establishment_transfer`))[0].n)).toBe(
        transfers,
      );
    });

    it.each([
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 0 } }, 'sentence.termMonths'],
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-02-30', termMonths: 8 } }, 'sentence.sentenceDate'],
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-12-01', termMonths: 8 } }, 'sentence.sentenceDate'],
      [{ sentence: { sentenceType: 'REMAND', sentenceDate: '2026-09-01' } }, 'sentence.sentenceType'],
      [
        { sentence: { sentenceType: 'EXTENDED', sentenceDate: '2026-09-01', termMonths: 24 } },
        'sentence.extensionMonths',
      ],
      [{ remandDate: '2026-11-24' }, 'remandDate'],
      [
        { remandDate: '2026-09-01', sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 8 } },
        'remandDate',
      ],
      [{}, 'remandDate'],
      [{ remandDate: '2026-11-01', court: 'L' }, 'court'],
    ])('start %j is BAD_USER_INPUT naming %s', async (extra, field) => {
      await refusedStart(extra, 'BAD_USER_INPUT', field);
    });

    it('a supervising service that is not a youth justice service is NOT_FOUND', async () => {
      // Leeds may start only episodes it supervises itself, so the policy refuses this before the directory is asked;
      // either way the answer is the NOT_FOUND a missing record gives.
      await refusedStart({ supervisingServiceId: dir.oakhill.id, remandDate: '2026-11-01' }, 'NOT_FOUND');
    });

    it('an establishment that is not a secure establishment is NOT_FOUND naming establishmentId', async () => {
      const res = await refusedStart({ establishmentId: dir.kentYjs.id, remandDate: '2026-11-01' }, 'NOT_FOUND');
      expect(res.errors![0].message).toContain('establishmentId');
    });

    it('an unknown episode is NOT_FOUND', async () => {
      const res = await mutate('grantEarlyRelease', {
        episodeId: '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11',
        expectedVersion: 1,
      });
      expectError(res, 'NOT_FOUND');
    });
  });
});
