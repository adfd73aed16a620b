import { buildSchema, graphql } from 'graphql';
import { DirectFieldResolvers } from './direct-field-resolvers';

describe('DirectFieldResolvers', () => {
  const schema = () =>
    buildSchema(
      `type Query { episode: Episode } type Episode { id: ID! child: Child } type Child { givenName: String }`,
    );

  it('makes the schema call the registered resolver with the parent and the context', async () => {
    const direct = new DirectFieldResolvers();
    const seen: unknown[] = [];
    direct.register<{ childId: string }, { names: Record<string, string> }>('Episode', 'child', (episode, ctx) => {
      seen.push(episode.childId);
      return { givenName: ctx.names[episode.childId] };
    });
    const result = await graphql({
      schema: direct.apply(schema()),
      source: '{ episode { id child { givenName } } }',
      rootValue: { episode: { id: 'e1', childId: 'c1' } },
      contextValue: { names: { c1: 'Synthetic' } },
    });
    expect(result).toEqual({ data: { episode: { id: 'e1', child: { givenName: 'Synthetic' } } } });
    expect(seen).toEqual(['c1']);
  });

  it.each([
    ['a type', 'Sentence', 'id'],
    ['a field', 'Episode', 'milestones'],
  ])('refuses %s the schema does not have', (_case, typeName, fieldName) => {
    const direct = new DirectFieldResolvers();
    direct.register(typeName, fieldName, () => null);
    expect(() => direct.apply(schema())).toThrow(`the schema has no field ${typeName}.${fieldName}`);
  });
});
