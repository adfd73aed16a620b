import { changedFields } from './changed-fields';

describe('changedFields', () => {
  it.each([
    ['a change of one field', { a: 1, b: 'x' }, { a: 2, b: 'x' }, { a: 1 }, { a: 2 }],
    ['nothing changed', { a: 1 }, { a: 1 }, {}, {}],
    ['a field cleared', { a: '2026-01-01' }, { a: null }, { a: '2026-01-01' }, { a: null }],
    ['a field set', { a: null }, { a: ['x'] }, { a: null }, { a: ['x'] }],
    ['dates equal by value', { d: new Date('2026-01-01T00:00:00Z') }, { d: new Date('2026-01-01T00:00:00Z') }, {}, {}],
    [
      'bookkeeping ignored',
      { version: 1, updatedAt: 1, s: 'A' },
      { version: 2, updatedAt: 2, s: 'B' },
      { s: 'A' },
      { s: 'B' },
    ],
  ])('%s', (_name, before, after, expectedBefore, expectedAfter) => {
    expect(changedFields(before, after)).toEqual({ before: expectedBefore, after: expectedAfter });
  });

  it('gives a null before for a new record, and every field after', () => {
    expect(changedFields(null, { a: 1, b: 2 })).toEqual({ before: null, after: { a: 1, b: 2 } });
  });
});
