import { preparedStatementName } from './prepared-query';

describe('preparedStatementName', () => {
  it.each([
    ['the same text twice', ['SELECT 1', 'SELECT 1'], 3, [true, 'same']],
    ['two texts', ['SELECT 1', 'SELECT 2'], 3, [true, 'different']],
    ['a text past the limit', ['SELECT 1', 'SELECT 2', 'SELECT 3'], 2, [false, 'different']],
  ] as const)('%s', (_case, texts, max, [lastNamed, firstTwo]) => {
    const known = new Map<string, string>();
    const got = texts.map((text) => preparedStatementName(text, known, max));
    expect(got[got.length - 1] !== null).toBe(lastNamed);
    expect(got[0] === got[1]).toBe(firstTwo === 'same');
    for (const name of got.filter(Boolean)) expect(name).toMatch(/^resettle_[0-9a-f]{24}$/);
  });

  it('keeps naming a text it already named after the limit is reached', () => {
    const known = new Map<string, string>();
    const first = preparedStatementName('SELECT 1', known, 1);
    expect(preparedStatementName('SELECT 2', known, 1)).toBeNull();
    expect(preparedStatementName('SELECT 1', known, 1)).toBe(first);
  });
});
