import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';

/**
 * The api's `DateTime`: an instant written as RFC 3339 (`2026-11-20T09:30:00Z`, or with an offset). Nest's own
 * scalar parsed input with `new Date(text)`, which rolls an impossible day over (30 February became 2 March) and
 * takes numbers; this one refuses them, as the YYYY-MM-DD fields refuse 2026-02-30, checking with graphql-scalars'
 * RFC 3339 rules (days in the month, leap years, hours and offsets). Output is unchanged: an ISO string at UTC.
 */
const DESCRIPTION = 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.';

function refused(value: unknown, nodes?: ValueNode): GraphQLError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${nodes ? 'literal' : typeof value}`;
  return new GraphQLError(
    `A DateTime must be a real date and time written like 2026-11-20T09:30:00Z; ${shown} is not one.`,
    { nodes },
  );
}

function parse(value: unknown, nodes?: ValueNode): Date {
  if (typeof value !== 'string') throw refused(value, nodes);
  try {
    return GraphQLDateTime.parseValue(value) as Date;
  } catch {
    throw refused(value, nodes);
  }
}

export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description: DESCRIPTION,
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw refused(undefined, ast);
    return parse(ast.value, ast);
  },
});
