import { isPossibleDuplicate, normaliseName } from './possible-duplicate';

describe('normaliseName', () => {
  it.each([
    ['Zoë', 'zoe'],
    ['  José  MARÍA ', 'jose maria'],
    ["O'Brien-Smith", 'o brien smith'],
  ])('%j → %j', (name, expected) => expect(normaliseName(name)).toBe(expected));
});

describe('isPossibleDuplicate', () => {
  const existing = { givenName: 'Zoë', familyName: 'Okafor', dateOfBirth: '2009-03-14' };
  it.each([
    ['the same name and date of birth', { givenName: 'Zoë', familyName: 'Okafor', dateOfBirth: '2009-03-14' }, true],
    ['accents and case', { givenName: 'ZOE', familyName: 'okafor', dateOfBirth: '2009-03-14' }, true],
    ['swapped given and family names', { givenName: 'Okafor', familyName: 'Zoe', dateOfBirth: '2009-03-14' }, true],
    ['a one-letter slip', { givenName: 'Zoe', familyName: 'Okafur', dateOfBirth: '2009-03-14' }, true],
    ['another date of birth', { givenName: 'Zoë', familyName: 'Okafor', dateOfBirth: '2009-03-15' }, false],
    ['another given name', { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2009-03-14' }, false],
    ['numbered names', { givenName: 'Child2', familyName: 'Tester', dateOfBirth: '2009-03-14' }, false],
    ['two slips in a short name', { givenName: 'Zak', familyName: 'Okafor', dateOfBirth: '2009-03-14' }, false],
  ])('%s → %s', (_case, candidate, expected) => expect(isPossibleDuplicate(candidate, existing)).toBe(expected));

  it('never matches numbered children with other numbers', () => {
    const one = { givenName: 'Child1', familyName: 'Tester', dateOfBirth: '2010-01-01' };
    expect(isPossibleDuplicate({ ...one, givenName: 'Child2' }, one)).toBe(false);
    expect(isPossibleDuplicate({ ...one, givenName: 'Chilf1' }, one)).toBe(true);
  });

  it('allows two slips in a long name', () => {
    const long = { givenName: 'Christopher', familyName: 'Abernathy', dateOfBirth: '2010-01-01' };
    expect(isPossibleDuplicate({ ...long, givenName: 'Kristopher', familyName: 'Abernethy' }, long)).toBe(true);
  });
});
