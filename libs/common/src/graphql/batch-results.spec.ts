import { byIds, groupByIds } from './batch-results';

describe('batch results for DataLoader', () => {
  const rows = [
    { id: 'b', owner: 'x', n: 1 },
    { id: 'a', owner: 'y', n: 2 },
    { id: 'c', owner: 'x', n: 3 },
  ];

  it.each([
    // [ids asked for, expected ids back (null where missing)]
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [
      ['c', 'missing', 'a'],
      ['c', null, 'a'],
    ],
    [
      ['b', 'b'],
      ['b', 'b'],
    ],
    [[], []],
  ])('byIds(%j) answers in the order asked', (ids, expected) => {
    expect(byIds(ids, rows, (r) => r.id).map((r) => r?.id ?? null)).toEqual(expected);
  });

  it.each([
    // [owners asked for, expected n per owner, in the rows' order]
    [
      ['x', 'y'],
      [[1, 3], [2]],
    ],
    [
      ['y', 'none', 'x'],
      [[2], [], [1, 3]],
    ],
  ])('groupByIds(%j) gives every owner its rows, empty when it has none', (ids, expected) => {
    expect(groupByIds(ids, rows, (r) => r.owner).map((g) => g.map((r) => r.n))).toEqual(expected);
  });
});
