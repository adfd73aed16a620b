import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  ParseOptions,
  validate,
  ValidationContext,
  ValidationRule,
} from 'graphql';

/**
 * Limits on the shape of a GraphQL document, checked before anything runs. A rejected document gets a validation
 * error (BAD_USER_INPUT) naming the limit, and never reaches a resolver or the database.
 */

/**
 * Field levels, leaf included. The deepest real query is 7 (caseload → edges → node → child → homeAuthority →
 * localAuthority → name); 10 leaves room but stops `child { currentEpisode { child { … } } }` recursion.
 */
const MAX_DEPTH = 10;

/**
 * Aliases per operation. A screen needs a few; a hundred aliased mutations (or sign-in attempts) in one request is
 * batching round the rate limit.
 */
const MAX_ALIASES = 15;

/**
 * graphql-armor's cost: 1 a scalar, 2 an object, children × 1.5 a level, a list × its literal `first`. The
 * heaviest real screen, a caseload page of 100 with every episode field, costs about 37,000; 50,000 fits it and
 * stops fragment fan-out (10 levels of `...F ...F` already cost 59,000) and alias batching.
 */
const MAX_COST = 50_000;

/** Directives per operation: a screen uses a handful of @include/@skip. */
const MAX_DIRECTIVES = 20;

/**
 * Lexical tokens per document. GraphiQL's introspection query has under 200 and the largest query in the tests under
 * 100. Checked while parsing (graphql-js `maxTokens`), so a huge document is refused before it is even built.
 */
const MAX_TOKENS = 2_000;

interface QueryLimits {
  depth: number;
  aliases: number;
  cost: number;
  directives: number;
}

const QUERY_LIMITS: QueryLimits = {
  depth: MAX_DEPTH,
  aliases: MAX_ALIASES,
  cost: MAX_COST,
  directives: MAX_DIRECTIVES,
};

/**
 * graphql-armor throws by default (which would escape `validate` as a 500) and prefixes "Syntax Error:". Report a
 * plain validation error instead, so the caller gets BAD_USER_INPUT and a message such as
 * "Query depth limit of 10 exceeded, found 14."
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
  ],
};

/** The document-shape rules (aliases, cost, depth, directives); tokens are limited by `graphqlParseOptions`. */
function queryLimitRules(limits: QueryLimits = QUERY_LIMITS): ValidationRule[] {
  return [
    maxAliasesRule({ n: limits.aliases, ...asValidationError }),
    // flattenFragments: a fragment spread is not a level of the response, so it does not add depth.
    maxDepthRule({ n: limits.depth, flattenFragments: true, ...asValidationError }),
    costLimitRule({ maxCost: limits.cost, flattenFragments: true, ...asValidationError }),
    maxDirectivesRule({ n: limits.directives, ...asValidationError }),
  ] as ValidationRule[];
}

/** Every extra rule the api runs: the limits, and no introspection where it is off (production by default). */
export function graphqlValidationRules(options: { introspection: boolean }): ValidationRule[] {
  return [...queryLimitRules(), ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/**
 * For Mercurius's `graphql.validateOptions`: where introspection is off (production), "Did you mean …?" would name
 * the schema's fields, types and values instead, so validation leaves it out (see also `withoutSuggestions`).
 */
export function graphqlValidateOptions(options: { introspection: boolean }): Parameters<typeof validate>[3] {
  return { hideSuggestions: !options.introspection };
}

/**
 * For Mercurius's `graphql.parseOptions`. (graphql-armor's max-tokens is a parser for Envelop, not a validation
 * rule; graphql-js 16 has the same limit built into `parse`.)
 */
export const graphqlParseOptions: ParseOptions = { maxTokens: MAX_TOKENS };
