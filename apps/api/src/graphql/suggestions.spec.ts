import { withoutSuggestions } from './suggestions';

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "caseloadd" on type "Query". Did you mean "caseload"?',
      'Cannot query field "caseloadd" on type "Query".',
    ],
    [
      'Unknown type "ReleaseDateInputs". Did you mean "ReleaseDateInput", "ReleaseDates", or "ReleaseDayPlan"?',
      'Unknown type "ReleaseDateInputs".',
    ],
    [
      'Variable "$input" got invalid value "DTOO" at "input.sentenceType"; Value "DTOO" does not exist in "SentenceType" enum. Did you mean the enum value "DTO"?',
      'Variable "$input" got invalid value "DTOO" at "input.sentenceType"; Value "DTOO" does not exist in "SentenceType" enum.',
    ],
    // Nothing to drop: a message without guesses, and one that only quotes the words.
    ['Cannot query field "nothingLikeIt" on type "Query".', 'Cannot query field "nothingLikeIt" on type "Query".'],
    [
      'Variable "$note" got invalid value "Did you mean it"; Int cannot represent a non-integer value',
      'Variable "$note" got invalid value "Did you mean it"; Int cannot represent a non-integer value',
    ],
  ])('%s', (message, shown) => {
    expect(withoutSuggestions(message)).toBe(shown);
  });
});
