import { atRiskChoices, atRiskRow, dueInWords, riskStatus } from './at-risk-view';

const CM = '6f1c1f9e-52a4-4d8e-9d55-0b8b1c1a2b3c';

describe('deadlines at risk: the page’s choices', () => {
  it('defaults: both statuses, 14 days, everyone, every kind; no query string', () => {
    const c = atRiskChoices({});
    expect(c.filter).toEqual({ withinDays: 14 });
    expect(c.filtered).toBe(false);
    expect(c.params()).toBe('');
    expect(c.params({ after: 'x' })).toBe('after=x');
  });

  it.each([
    ['only missed', { status: 'missed' }, { withinDays: 14, onlyMissed: true }],
    ['at risk, not yet missed', { status: 'at-risk' }, { withinDays: 14, includeMissed: false }],
    ['one case manager', { cm: CM.toUpperCase() }, { withinDays: 14, caseManagerId: CM }],
    [
      'one kind of deadline',
      { kind: 'ACCOMMODATION_CONFIRMED' },
      { withinDays: 14, keys: ['ACCOMMODATION_CONFIRMED'] },
    ],
    ['28 days ahead', { within: '28' }, { withinDays: 28 }],
    [
      'all at once',
      { status: 'missed', cm: CM, kind: 'PRE_RELEASE_MEETING_HELD', within: '90' },
      { withinDays: 90, onlyMissed: true, caseManagerId: CM, keys: ['PRE_RELEASE_MEETING_HELD'] },
    ],
  ])('%s', (_why, query, filter) => {
    const c = atRiskChoices(query);
    expect(c.filter).toEqual(filter);
    expect(c.filtered).toBe(true);
    // The query string carries the same choices, so the next page and the CSV keep them.
    expect(atRiskChoices(Object.fromEntries(new URLSearchParams(c.params()))).filter).toEqual(filter);
  });

  it.each([
    ['an unknown status', { status: 'late' }],
    ['a case manager that is not an id', { cm: 'Ash' }],
    ['an unknown kind', { kind: 'DROP TABLE' }],
    ['a window not offered', { within: '1000' }],
    ['an empty window', { within: '' }],
  ])('%s is left out', (_why, query) => {
    expect(atRiskChoices(query).filter).toEqual({ withinDays: 14 });
    expect(atRiskChoices(query).params()).toBe('');
  });
});

describe('deadlines at risk: a line', () => {
  it.each([
    [-12, '12 days overdue'],
    [-1, '1 day overdue'],
    [0, 'Due today'],
    [1, '1 day left'],
    [9, '9 days left'],
    [null, ''],
  ])('%s days → %s', (days, words) => {
    expect(dueInWords(days)).toBe(words);
  });

  it('missed or at risk', () => {
    expect(riskStatus('MISSED').text).toBe('Missed');
    expect(riskStatus('PENDING').text).toBe('At risk');
  });

  it('the child by the name they use, the deadline and the case manager in words', () => {
    const row = atRiskRow({
      id: 'm1',
      key: 'CHILD_TOLD_WHERE_LIVING',
      status: 'MISSED',
      dueDate: '2026-11-11',
      dueInDays: -12,
      episodeId: 'e1',
      episode: {
        child: { givenName: 'Joseph', preferredName: 'Joe', familyName: 'Bloggs' },
        caseManager: { givenName: 'Ash', familyName: 'Casework' },
      },
    });
    expect(row).toMatchObject({
      childName: 'Joe Bloggs',
      label: 'Child told where they will live',
      dueWords: '12 days overdue',
      overdue: true,
      caseManager: 'Ash Casework',
      status: { text: 'Missed' },
    });
    const none = atRiskRow({
      id: 'm2',
      key: 'SOMETHING_NEW',
      status: 'PENDING',
      dueDate: '2026-11-26',
      dueInDays: 3,
      episodeId: 'e2',
      episode: { child: { givenName: 'Ann', preferredName: null, familyName: 'Lee' }, caseManager: null },
    });
    expect(none).toMatchObject({
      childName: 'Ann Lee',
      label: 'Deadline',
      caseManager: 'No case manager',
      overdue: false,
    });
  });
});
