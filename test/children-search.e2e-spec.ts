import { custodyWorld, expectError } from './support/custody-world';
import { GraphqlResponse, Session, TestApp } from './support/test-app';

/**
 * Finding a child and not registering them twice: `children` (search), `possibleDuplicateChildren`, and
 * `registerChild` refusing a possible duplicate unless it is set aside. Shared setup: test/support/custody-world.ts.
 */
describe('finding and registering a child (GraphQL, PostgreSQL)', () => {
  const world = custodyWorld();
  let t: TestApp;
  let leeds: Session;
  let kent: Session;
  beforeAll(() => {
    ({ t, leeds, kent } = world);
  });
  const org = (name: 'leedsYjs' | 'kentYjs') => world.dir[name].id;

  const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id givenName familyName } }`;
  const SEARCH = `query($filter: ChildrenFilter!, $first: Int, $after: String) {
    children(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id givenName familyName dateOfBirth } }
    }
  }`;
  const DUPLICATES = `query($input: PossibleDuplicatesInput!) { possibleDuplicateChildren(input: $input) { id } }`;

  async function register(as: Session, input: Record<string, unknown>) {
    return as.graphql(REGISTER, { input: { gender: 'FEMALE', ...input } });
  }
  const childCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM child`))[0].n);

  let zoe: string;
  let kentChild: string;
  beforeAll(async () => {
    const res = await register(leeds, { givenName: 'Zoë', familyName: 'Ødegård-Núñez', dateOfBirth: '2010-04-05' });
    expect(res.errors).toBeUndefined();
    zoe = res.data.registerChild.id;
    const other = await register(kent, { givenName: 'Zoe', familyName: 'Odegard-Nunez', dateOfBirth: '2010-04-05' });
    expect(other.errors).toBeUndefined();
    kentChild = other.data.registerChild.id;
  });

  const ids = (res: GraphqlResponse): string[] =>
    res.data.children.edges.map((e: { node: { id: string } }) => e.node.id);

  it('finds a child by part of their name, ignoring accents and case, and only those the caller may see', async () => {
    const res = await leeds.graphql(SEARCH, { filter: { nameContains: 'degard-nun' } });
    expect(res.errors).toBeUndefined();
    expect(ids(res)).toEqual([zoe]);
    expect(res.data.children.totalCount).toBe(1);
    const accented = await leeds.graphql(SEARCH, { filter: { nameContains: 'ZOË' } });
    expect(ids(accented)).toContain(zoe);
    expect(ids(accented)).not.toContain(kentChild);
    const fromKent = await kent.graphql(SEARCH, { filter: { nameContains: 'zoe' } });
    expect(ids(fromKent)).toEqual([kentChild]);
  });

  it('finds a child by date of birth and by reference; each result is audited as read', async () => {
    const byDob = await leeds.graphql(SEARCH, { filter: { dateOfBirth: '2010-04-05' } });
    expect(ids(byDob)).toEqual([zoe]);
    const byRef = await leeds.graphql(SEARCH, { filter: { reference: zoe } });
    expect(ids(byRef)).toEqual([zoe]);
    expect(ids(await leeds.graphql(SEARCH, { filter: { reference: kentChild } }))).toEqual([]);
    const audited = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'children' AND child_id = $1 AND outcome = 'ALLOWED'`,
      [zoe],
    );
    expect(audited[0].n).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad search input as BAD_USER_INPUT naming the field', async () => {
    expectError(
      await leeds.graphql(SEARCH, { filter: { nameContains: 'z' } }),
      'BAD_USER_INPUT',
      'filter.nameContains',
    );
    expectError(
      await leeds.graphql(SEARCH, { filter: { dateOfBirth: '2010-13-40' } }),
      'BAD_USER_INPUT',
      'filter.dateOfBirth',
    );
    expectError(await leeds.graphql(SEARCH, { filter: {} }), 'BAD_USER_INPUT', 'filter');
  });

  it('finds possible duplicates (exact and close) among the children the caller may see', async () => {
    for (const input of [
      { givenName: 'Zoë', familyName: 'Ødegård-Núñez' },
      { givenName: 'zoe', familyName: 'odegard nunez' },
      { givenName: 'Odegard-Nunez', familyName: 'Zoe' },
      { givenName: 'Zoe', familyName: 'Odegaard-Nunez' },
    ]) {
      const res = await leeds.graphql(DUPLICATES, { input: { ...input, dateOfBirth: '2010-04-05' } });
      expect(res.errors).toBeUndefined();
      expect(res.data.possibleDuplicateChildren).toEqual([{ id: zoe }]);
    }
    const none = await leeds.graphql(DUPLICATES, {
      input: { givenName: 'Zoë', familyName: 'Ødegård-Núñez', dateOfBirth: '2010-04-06' },
    });
    expect(none.data.possibleDuplicateChildren).toEqual([]);
  });

  it('refuses to register a possible duplicate, writing nothing, until it is set aside', async () => {
    const before = await childCount();
    const twin = { givenName: 'ZOE', familyName: 'Odegard Nunez', dateOfBirth: '2010-04-05' };
    const refused = await register(leeds, twin);
    expectError(refused, 'CONFLICT');
    expect(refused.errors![0].extensions.duplicateIds).toEqual([zoe]);
    expect(await childCount()).toBe(before);

    const accepted = await register(leeds, { ...twin, duplicatesSetAside: [zoe] });
    expect(accepted.errors).toBeUndefined();
    expect(await childCount()).toBe(before + 1);
    const audit = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE action = 'registerChild' AND resource_id = $1`,
      [accepted.data.registerChild.id],
    );
    expect(audit[0].after.duplicatesSetAside).toEqual([zoe]);
  });

  it('finds the children the caller may see behind more than 500 matches they may not, counted and paged in SQL', async () => {
    // 600 namesakes Kent recorded, all sorted before Leeds's three (the old search kept the first 500 matches and
    // filtered them after loading, so Leeds found none of its own).
    await t.dataSource.query(
      `INSERT INTO child (given_name, family_name, date_of_birth, gender, registered_by_organisation_id, version)
       SELECT 'Aa' || lpad(n::text, 4, '0'), 'Capstick', '2011-02-03', 'MALE', $1, 1 FROM generate_series(1, 600) n`,
      [org('kentYjs')],
    );
    const ours: string[] = (
      await t.dataSource.query(
        `INSERT INTO child (given_name, family_name, date_of_birth, gender, registered_by_organisation_id, version)
         SELECT 'Zz' || n, 'Capstick', '2011-02-03', 'FEMALE', $1, 1 FROM generate_series(1, 3) n RETURNING id`,
        [org('leedsYjs')],
      )
    ).map((r: { id: string }) => r.id);
    const first = await leeds.graphql(SEARCH, { filter: { nameContains: 'capstick' }, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.children.totalCount).toBe(3);
    expect(first.data.children.pageInfo.hasNextPage).toBe(true);
    const second = await leeds.graphql(SEARCH, {
      filter: { nameContains: 'capstick' },
      first: 2,
      after: first.data.children.pageInfo.endCursor,
    });
    expect(second.data.children.pageInfo.hasNextPage).toBe(false);
    expect([...ids(first), ...ids(second)]).toEqual(ours);
    const byDob = await leeds.graphql(SEARCH, { filter: { dateOfBirth: '2011-02-03' } });
    expect(ids(byDob)).toEqual(ours);
    // Kent sees its own 600 and none of Leeds's.
    const fromKent = await kent.graphql(SEARCH, { filter: { nameContains: 'capstick' }, first: 50 });
    expect(fromKent.data.children.totalCount).toBe(600);
    expect(ids(fromKent)).not.toContain(ours[0]);
    expectError(
      await leeds.graphql(SEARCH, { filter: { nameContains: 'capstick' }, after: 'not-a-cursor' }),
      'BAD_USER_INPUT',
      'after',
    );
  });

  it('lets only one of two registrations of the same child at the same moment through', async () => {
    const before = await childCount();
    const twin = { givenName: 'Mirela', familyName: 'Concurrent', dateOfBirth: '2009-09-09' };
    // Hold every insert into child until both registrations are under way, so both have begun before either has
    // written: without the lock on the date of birth both checks would pass, and both children be written.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`LOCK TABLE child IN SHARE MODE`);
    const both = Promise.all([register(leeds, twin), register(leeds, twin)]);
    const waiting = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`))[0].n;
    for (let tries = 0; (await waiting()) < 2 && tries < 200; tries++) await new Promise((r) => setTimeout(r, 25));
    await holder.commitTransaction();
    await holder.release();
    const results = await both;
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expectError(refused[0], 'CONFLICT');
    expect(refused[0].errors![0].extensions.duplicateIds).toEqual([ok[0].data.registerChild.id]);
    expect(await childCount()).toBe(before + 1);
  });
});
