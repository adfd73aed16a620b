import { childNameOf, inboxParams, inboxSort } from './inbox-view';

describe('inbox choices', () => {
  it.each([
    [undefined, 'release'],
    ['', 'release'],
    ['deadline', 'deadline'],
    ['received', 'received'],
    ['name', 'name'],
    ['toString', 'release'],
    ['DEADLINE', 'release'],
  ])('sort %p is %p', (sort, expected) => {
    expect(inboxSort(sort)).toBe(expected);
  });

  it.each([
    [{ overdue: false, sort: 'release' }, ''],
    [{ overdue: true, sort: 'release' }, 'overdue=1'],
    [{ tab: 'closed', overdue: false, sort: 'name' }, 'tab=closed&sort=name'],
    [
      { tab: 'needs-action', status: 'SENT', type: 'HEALTH', name: 'Zoë', overdue: true, sort: 'deadline' },
      'tab=needs-action&status=SENT&type=HEALTH&name=Zo%C3%AB&overdue=1&sort=deadline',
    ],
  ])('%p as %p', (choices, expected) => {
    expect(new URLSearchParams(inboxParams(choices)).toString()).toBe(expected);
  });

  it.each([
    [null, 'Draft referral'],
    [{ givenName: 'Zoë', familyName: 'Ávila' }, 'Zoë Ávila'],
    [{ givenName: 'Robert', preferredName: 'Bob', familyName: 'Long' }, 'Bob Long'],
    [{ givenName: 'Robert', preferredName: '', familyName: 'Long' }, 'Robert Long'],
  ])('the name of %p is %p', (summary, expected) => {
    expect(childNameOf(summary)).toBe(expected);
  });
});
