import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { ResolverField, resolverFields } from './plain-selection';

/** A caseload-like schema: `daysToRelease`, `child` and `Milestone.dueInDays` have resolvers, the rest are plain. */
function schema(onPage: (info: GraphQLResolveInfo) => void) {
  const built = buildSchema(`
    type Query { page: Page episode: Episode }
    type Page { total: Int nodes: [Episode] }
    type Episode { id: ID status: String daysToRelease: Int child: Child milestones: [Milestone] }
    type Child { givenName: String }
    type Milestone { key: String dueInDays: Int }
  `);
  const resolved = (type: string, field: string, resolve: (...args: any[]) => unknown) => {
    (built.getType(type) as any).getFields()[field].resolve = resolve;
  };
  resolved('Query', 'page', (_root, _args, _ctx, info) => {
    onPage(info);
    return { total: 1, nodes: [] };
  });
  resolved('Episode', 'daysToRelease', () => 1);
  resolved('Episode', 'child', () => null);
  resolved('Milestone', 'dueInDays', () => 1);
  // NestJS's resolver for a plain `@Field` is plain.
  resolved('Episode', 'status', function rootFieldResolver(parent: { status: string }) {
    return parent.status;
  });
  return built;
}

async function found(source: string): Promise<ResolverField[] | null | undefined> {
  let seen: ResolverField[] | null | undefined;
  const result = await graphql({ schema: schema((info) => (seen = resolverFields(info))), source });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe('resolverFields: the fields with resolvers below the current one', () => {
  it.each<[string, string, ResolverField[] | null]>([
    ['only plain fields', '{ page { total nodes { id status } } }', []],
    [
      'resolvers at any depth, with their paths',
      '{ page { nodes { id daysToRelease child { givenName } milestones { key dueInDays } } } }',
      [
        { path: 'nodes.daysToRelease', field: 'Episode.daysToRelease' },
        { path: 'nodes.child', field: 'Episode.child' },
        { path: 'nodes.milestones.dueInDays', field: 'Milestone.dueInDays' },
      ],
    ],
    [
      'through fragments, named and inline',
      '{ page { nodes { ...E } } } fragment E on Episode { id ... on Episode { child { givenName } } }',
      [{ path: 'nodes.child', field: 'Episode.child' }],
    ],
    ['none when the operation has another root field', '{ page { total } episode { id } }', null],
  ])('%s', async (_case, source, expected) => {
    expect(await found(source)).toEqual(expected);
  });
});
