import { custodyWorld, expectError } from './support/custody-world';
import { Session } from './support/test-app';

/**
 * Issue 21, remand credit: the days a child has been on remand in this episode are known, so a sentence after remand
 * credits them unless told otherwise, and a credit that differs (remand elsewhere, time counted on another sentence)
 * is accepted only with a reason, kept in the history. GraphQL in, PostgreSQL and Redis behind, the clock fixed at
 * Monday 2026-11-23. The rule itself: libs/custody/src/rules/remand-credit.spec.ts.
 */
describe('remand credit on a sentence after remand (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { mutate, mutateOk, calculate, snapshot, remandedChild } = world;
  let wetherby: Session;
  beforeAll(() => {
    ({ wetherby } = world);
  });

  /** Remanded 2026-08-01, sentenced 2026-09-01: 31 days on remand known in the episode. */
  const DTO = { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12 };

  it('credits the 31 days known when no credit is given, with the dates the calculator gives for them', async () => {
    const { ep } = await remandedChild('2026-08-01');
    const sentenced = await mutateOk(
      'recordSentence',
      { episodeId: ep.id, expectedVersion: ep.version, sentence: DTO },
      wetherby,
    );
    expect(sentenced.sentences).toEqual([expect.objectContaining({ remandDays: 31 })]);
    const calc = await calculate({ ...DTO, remandDays: 31, taggedBailDays: 0, dateOfBirth: '2010-04-12' });
    expect(sentenced.releaseDate).toBe(calc.releaseDate);
    const event = sentenced.history.at(-1);
    expect(event.details.remandCredit).toEqual({ knownDays: 31, creditedDays: 31 });
    expect(event.summary).not.toContain('remand credit');
  });

  it('refuses a credit that differs without a reason (BAD_USER_INPUT on the reason, nothing written)', async () => {
    const { ep } = await remandedChild('2026-08-01');
    const before = await snapshot(ep.id);
    for (const reason of [undefined, '   ']) {
      const refused = await mutate(
        'recordSentence',
        {
          episodeId: ep.id,
          expectedVersion: ep.version,
          sentence: { ...DTO, remandDays: 45 },
          ...(reason !== undefined && { reasonForDifferentRemandDays: reason }),
        },
        wetherby,
      );
      // A blank reason is too short for the input's own validation, which names the same field.
      expectError(refused, 'BAD_USER_INPUT', 'reasonForDifferentRemandDays');
      if (reason === undefined) {
        expect(refused.errors![0].message).toContain(
          'A credit of 45 days is 14 days more than the 31 days on remand known in this episode',
        );
      }
    }
    // Fewer than known, too: none given when 31 are known.
    expectError(
      await mutate(
        'recordSentence',
        { episodeId: ep.id, expectedVersion: ep.version, sentence: { ...DTO, remandDays: 0 } },
        wetherby,
      ),
      'BAD_USER_INPUT',
      'reasonForDifferentRemandDays',
    );
    expect(await snapshot(ep.id)).toEqual(before);
  });

  it('accepts a credit that differs with a reason, and the history says how far and why', async () => {
    const { ep } = await remandedChild('2026-08-01');
    const reason = 'Remanded at Medway STC for 14 days before this episode';
    const sentenced = await mutateOk(
      'recordSentence',
      {
        episodeId: ep.id,
        expectedVersion: ep.version,
        sentence: { ...DTO, remandDays: 45 },
        reasonForDifferentRemandDays: reason,
      },
      wetherby,
    );
    expect(sentenced.sentences).toEqual([expect.objectContaining({ remandDays: 45 })]);
    const calc = await calculate({ ...DTO, remandDays: 45, taggedBailDays: 0, dateOfBirth: '2010-04-12' });
    expect(sentenced.midTermDate).toBe(calc.midTermDate);
    const event = sentenced.history.at(-1);
    expect(event.details.remandCredit).toEqual({
      knownDays: 31,
      creditedDays: 45,
      reasonForDifferentRemandDays: reason,
    });
    expect(event.summary).toContain(
      `remand credit 14 days more than the 31 days on remand known in this episode: ${reason}`,
    );
  });

  it('the known days given explicitly need no reason', async () => {
    const { ep } = await remandedChild('2026-08-01');
    const sentenced = await mutateOk(
      'recordSentence',
      { episodeId: ep.id, expectedVersion: ep.version, sentence: { ...DTO, remandDays: 31 } },
      wetherby,
    );
    expect(sentenced.status).toBe('SENTENCED');
  });
});
