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
});
