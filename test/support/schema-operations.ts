import { GraphQLField, GraphQLSchema } from 'graphql';

/** A root field of the api: a query or a mutation, as the schema declares it. */
export interface RootOperation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/**
 * Every query and mutation in the schema, read from the schema itself: tests built on this list cover a new
 * operation without anyone remembering to add it.
 */
export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const of = (kind: RootOperation['kind'], type: ReturnType<GraphQLSchema['getQueryType']>) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({ kind, name: field.name, field }));
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())];
}
