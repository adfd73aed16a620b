import { normaliseWorkPhone, workPhoneProblem } from './work-phone';

describe('work phone', () => {
  it.each([
    ['0113 496 0000', null],
    ['07700 900123', null],
    ['07700-900-123', null],
    ['+44 113 496 0000', null],
    ['+441134960000', null],
    ['  0113   496 0000 ', null],
    ['', null],
    ['   ', null],
    [null, null],
    ['0113 496 00', 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000'],
    ['+44 0113 496 0000', 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000'],
    ['+1 212 555 0100', 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000'],
    ['call me', 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000'],
    ['0113  496--0000', 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000'],
  ])('%p: %p', (value, problem) => {
    expect(workPhoneProblem(value)).toBe(problem);
  });

  it('keeps the number as typed, trimmed, spaces made single; empty is none', () => {
    expect(normaliseWorkPhone('  0113   496 0000 ')).toBe('0113 496 0000');
    expect(normaliseWorkPhone(' ')).toBeNull();
  });
});
