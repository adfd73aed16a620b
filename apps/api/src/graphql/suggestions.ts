/**
 * graphql-js ends a message about an unknown name with its guesses: `Cannot query field "caseloadd" on type
 * "Query". Did you mean "caseload"?`. Where introspection is off (production), those guesses would name the schema
 * piece by piece, so they are dropped. Validation takes `hideSuggestions` itself (`graphqlValidateOptions`); this is
 * for the messages it cannot reach: Mercurius coerces variables (`Field "termMonth" is not defined by type
 * "ReleaseDateInput". Did you mean "termMonths"?`) without that option.
 */
const SUGGESTION = ' Did you mean ';

export function withoutSuggestions(message: string): string {
  const at = message.lastIndexOf(SUGGESTION);
  return at >= 0 && message.endsWith('?') ? message.slice(0, at) : message;
}
