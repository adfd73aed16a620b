import { parse } from 'graphql';
import { refuseUnstorableText, unstorableCharacterIn, unstorableTextIn } from './unstorable-text';

describe('unstorableCharacterIn', () => {
  it.each([
    ['plain text', 'Set up a college taster day', null],
    ['empty', '', null],
    ['accents, right-to-left and zero-width characters', 'Zoë مرحبا \u202e\u200b\ufeff', null],
    ['a surrogate pair (an emoji)', 'Well done 👍', null],
    ['a NUL', 'a\u0000b', 'contains a NUL character (U+0000), which cannot be stored; remove it'],
    [
      'a lone high surrogate',
      'a\ud800b',
      'contains a broken character (U+D800, half of a UTF-16 surrogate pair), which cannot be stored; remove it',
    ],
    [
      'a high surrogate at the end',
      'a\udbff',
      'contains a broken character (U+DBFF, half of a UTF-16 surrogate pair), which cannot be stored; remove it',
    ],
    [
      'a lone low surrogate',
      '\udc00b',
      'contains a broken character (U+DC00, half of a UTF-16 surrogate pair), which cannot be stored; remove it',
    ],
    [
      'a pair written backwards',
      '\udc00\ud800',
      'contains a broken character (U+DC00, half of a UTF-16 surrogate pair), which cannot be stored; remove it',
    ],
  ])('%s', (_what, text, expected) => {
    expect(unstorableCharacterIn(text)).toBe(expected);
  });
});

describe('unstorableTextIn', () => {
  const NUL = 'description contains a NUL character (U+0000), which cannot be stored; remove it';

  it.each<[string, string, Record<string, unknown> | undefined, string[]]>([
    [
      'nothing wrong',
      'mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { __typename } }',
      { input: { description: 'ok' } },
      [],
    ],
    [
      'a field of an input-object variable, named inside the input',
      'mutation($input: X!) { a(input: $input) }',
      { input: { description: 'a\u0000' } },
      ['description'],
    ],
    [
      'a nested field and a list item',
      'mutation($input: X!) { a(input: $input) }',
      { input: { offer: { place: '\u0000' }, actions: [{ note: 'ok' }, { note: '\ud800' }] } },
      ['offer.place', 'actions.1.note'],
    ],
    ['a scalar argument, named by itself', 'query($id: ID!) { child(id: $id) { id } }', { id: '\u0000' }, ['id']],
    ['a list argument, by position', 'mutation($ids: [ID!]!) { a(ids: $ids) }', { ids: ['ok', '\u0000'] }, ['ids.1']],
    ['a literal string argument', 'query { child(id: "\\u0000") { id } }', undefined, ['id']],
    [
      'a literal in an input object',
      'query { organisations(filter: { nameContains: "a\\u0000" }) { totalCount } }',
      undefined,
      ['nameContains'],
    ],
    [
      'a variable inside a literal input object',
      'query($q: String) { organisations(filter: { nameContains: $q }) { totalCount } }',
      { q: '\u0000' },
      ['nameContains'],
    ],
    [
      "a variable's default value, when it is not sent",
      'query($q: String = "\\u0000") { organisations(filter: { nameContains: $q }) { totalCount } }',
      {},
      ['nameContains'],
    ],
    [
      'a sent variable over its default',
      'query($q: String = "\\u0000") { organisations(filter: { nameContains: $q }) { totalCount } }',
      { q: 'fine' },
      [],
    ],
    [
      'an argument of a nested field and of a fragment',
      'query($d: String) { me { ...F } } fragment F on User { a(x: "\\u0000") b(y: $d) }',
      { d: '\ud800' },
      ['x', 'y'],
    ],
    ['a variable the document never uses', 'query { me { id } }', { unused: '\u0000' }, []],
    [
      'numbers, booleans and nulls',
      'mutation($input: X!) { a(input: $input) }',
      { input: { n: 0, b: true, z: null } },
      [],
    ],
  ])('%s', (_what, document, variables, fields) => {
    expect(Object.keys(unstorableTextIn(parse(document), variables))).toEqual(fields);
  });

  it('says what is wrong, naming the field', () => {
    expect(
      unstorableTextIn(parse('mutation($input: X!) { a(input: $input) }'), { input: { description: '\u0000' } }),
    ).toEqual({ description: [NUL] });
  });

  it('is refused as BAD_USER_INPUT with the fields', async () => {
    await expect(
      refuseUnstorableText(null, parse('query { child(id: "\\u0000") { id } }'), null, undefined),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Check these fields: id',
      details: { fieldErrors: { id: [expect.stringContaining('NUL')] } },
    });
    await expect(refuseUnstorableText(null, parse('query { me { id } }'), null, {})).resolves.toBeUndefined();
  });
});
