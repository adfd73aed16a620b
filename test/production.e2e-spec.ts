// The api as production runs it. Set before TestApp.start(), which loads the api (and reads its environment then).
import { TestApp } from './support/test-app';

process.env.NODE_ENV = 'production';
process.env.JWT_SECRET = 'a-secret-for-this-test-file-only-never-anywhere-else';

/**
 * Introspection is off in production, so the schema must not leak another way: graphql-js answers an unknown name
 * with "Did you mean …?", naming the fields, arguments, types and enum values near it. Production says only what
 * was wrong.
 */
describe('the api in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const RELEASE_DATES = 'calculateReleaseDates(input: $input) { releaseDate }';
  const DTO = { sentenceType: 'DTO', sentenceDate: '2021-05-23', termMonths: 18 };

  it('refuses introspection', async () => {
    const res = await t.graphql(`{ __schema { types { name } } }`);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/introspection/i),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it.each<[string, string, Record<string, unknown> | undefined, RegExp]>([
    ['an unknown field', `{ caseloadd { totalCount } }`, undefined, /Cannot query field "caseloadd" on type "Query"/],
    ['an unknown argument', `{ caseload(frist: 5) { totalCount } }`, undefined, /Unknown argument "frist"/],
    [
      'an unknown type',
      `query($input: ReleaseDateInputs!) { ${RELEASE_DATES} }`,
      { input: DTO },
      /Unknown type "ReleaseDateInputs"/,
    ],
    [
      'an unknown enum value in the document',
      `{ calculateReleaseDates(input: { sentenceType: DTOO, sentenceDate: "2021-05-23", termMonths: 18 }) { releaseDate } }`,
      undefined,
      /DTOO/,
    ],
    [
      'an unknown field of a variable',
      `query($input: ReleaseDateInput!) { ${RELEASE_DATES} }`,
      { input: { ...DTO, termMonth: 18 } },
      /termMonth/,
    ],
    [
      'an unknown enum value of a variable',
      `query($input: ReleaseDateInput!) { ${RELEASE_DATES} }`,
      { input: { ...DTO, sentenceType: 'DTOO' } },
      /DTOO/,
    ],
  ])('suggests nothing for %s', async (_what, query, variables, said) => {
    // Twice: the second run of a document may take the compiled (JIT) path.
    for (let run = 0; run < 2; run++) {
      const res = await t.graphql(query, variables);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.length).toBeGreaterThan(0);
      const messages = res.errors!.map((e) => e.message).join('\n');
      expect(messages).toMatch(said);
      expect(messages).not.toMatch(/did you mean/i);
      expect(res.errors!.map((e) => e.extensions.code)).toEqual(res.errors!.map(() => 'BAD_USER_INPUT'));
    }
  });
});
