import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selectedFieldPaths } from './selected-fields';

/**
 * What a resolver's `info` carries that matters here: the first operation's first top-level field, and the fragments.
 */
function infoFor(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation in the query');
  const fieldNode = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [fieldNode], fragments };
}

describe('selectedFieldPaths', () => {
  it.each([
    // [what, query, expected paths (sorted)]
    ['plain fields', '{ child(id: "1") { givenName familyName } }', ['familyName', 'givenName']],
    ['a leaf top-level field has nothing under it', '{ me }', []],
    [
      'nested fields as dotted paths',
      '{ child(id: "1") { givenName currentEpisode { releaseDate establishment { name } } } }',
      ['currentEpisode.establishment.name', 'currentEpisode.releaseDate', 'givenName'],
    ],
    ['only the first top-level field', '{ child(id: "1") { givenName } other { secret } }', ['givenName']],
    ['aliases give the field name, once', '{ child(id: "1") { a: givenName b: givenName } }', ['givenName']],
    [
      'fragment spreads are followed',
      `query Q { child(id: "1") { ...Names currentEpisode { ...Dates } } }
       fragment Names on Child { givenName familyName }
       fragment Dates on CustodialEpisode { releaseDate sentenceEndDate }`,
      ['currentEpisode.releaseDate', 'currentEpisode.sentenceEndDate', 'familyName', 'givenName'],
    ],
    [
      'fragments spreading fragments',
      `query Q { child(id: "1") { ...Outer } }
       fragment Outer on Child { givenName ...Inner }
       fragment Inner on Child { dateOfBirth }`,
      ['dateOfBirth', 'givenName'],
    ],
    [
      'inline fragments are followed, with or without a type condition',
      '{ child(id: "1") { ... on Child { givenName currentEpisode { id } } ... @include(if: true) { familyName } } }',
      ['currentEpisode.id', 'familyName', 'givenName'],
    ],
    [
      '__typename is skipped at every level',
      '{ child(id: "1") { __typename givenName currentEpisode { __typename id } ... on Child { __typename } } }',
      ['currentEpisode.id', 'givenName'],
    ],
    [
      'a fragment used twice is listed once',
      `query Q { child(id: "1") { ...Names currentEpisode { id } ...Names } }
       fragment Names on Child { givenName familyName }`,
      ['currentEpisode.id', 'familyName', 'givenName'],
    ],
    [
      'a fragment used under two fields gives both paths',
      `query Q { child(id: "1") { ...Names sibling { ...Names } } }
       fragment Names on Child { givenName }`,
      ['givenName', 'sibling.givenName'],
    ],
    [
      'a fragment that spreads itself stops',
      `query Q { child(id: "1") { ...Loop } }
       fragment Loop on Child { givenName sibling { ...Loop } }`,
      ['givenName'],
    ],
    ['an unknown fragment is ignored', '{ child(id: "1") { givenName ...Missing } }', ['givenName']],
  ])('%s', (_what, query, expected) => {
    expect(selectedFieldPaths(infoFor(query))).toEqual(expected);
  });

  const deep = '{ child(id: "1") { a1 b { b2 c { c3 d { d4 e { e5 } } } } } }';

  it.each([
    // [maxDepth, expected]: a path has at most maxDepth named segments; a deeper selection ends in `*`
    [1, ['a1', 'b.*']],
    [2, ['a1', 'b.b2', 'b.c.*']],
    [3, ['a1', 'b.b2', 'b.c.c3', 'b.c.d.*']],
    [4, ['a1', 'b.b2', 'b.c.c3', 'b.c.d.d4', 'b.c.d.e.*']],
    [5, ['a1', 'b.b2', 'b.c.c3', 'b.c.d.d4', 'b.c.d.e.e5']],
  ])('depth cap %i', (maxDepth, expected) => {
    const paths = selectedFieldPaths(infoFor(deep), maxDepth);
    expect(paths).toEqual(expected);
    for (const path of paths) expect(path.split('.').filter((p) => p !== '*').length).toBeLessThanOrEqual(maxDepth);
  });

  it('caps at four levels by default', () => {
    expect(selectedFieldPaths(infoFor(deep))).toEqual(['a1', 'b.b2', 'b.c.c3', 'b.c.d.d4', 'b.c.d.e.*']);
  });

  it('fragments and inline fragments add no depth', () => {
    const query = `query Q { child(id: "1") { ... on Child { ...F } } }
      fragment F on Child { a { ... on A { b { c1 } } } }`;
    expect(selectedFieldPaths(infoFor(query), 3)).toEqual(['a.b.c1']);
    expect(selectedFieldPaths(infoFor(query), 2)).toEqual(['a.b.*']);
  });

  it('walks every field node it is given', () => {
    const first = infoFor('{ child(id: "1") { givenName } }');
    const second = infoFor('{ child(id: "1") { familyName givenName } }');
    expect(selectedFieldPaths({ fieldNodes: [...first.fieldNodes, ...second.fieldNodes], fragments: {} })).toEqual([
      'familyName',
      'givenName',
    ]);
  });
});
