import { unsavedAnswers } from './unsaved';

describe('unsavedAnswers', () => {
  const labels = { metByName: 'Who meets the child', meetingDate: 'Day of release', phone: 'Phone' };
  it.each<[string, Record<string, string>, Record<string, string>, { label: string; now: string; typed: string }[]]>([
    ['nothing different', { metByName: 'Ann' }, { metByName: 'Ann ' }, []],
    [
      'a text answer',
      { metByName: 'Ann' },
      { metByName: 'Bea' },
      [{ label: 'Who meets the child', now: 'Bea', typed: 'Ann' }],
    ],
    [
      'a date, as one answer',
      { meetingDateDay: '5', meetingDateMonth: '1', meetingDateYear: '2027' },
      { meetingDateDay: '6', meetingDateMonth: '1', meetingDateYear: '2027' },
      [{ label: 'Day of release', now: '6/1/2027', typed: '5/1/2027' }],
    ],
    ['an answer cleared', { phone: '' }, { phone: 'His own' }, [{ label: 'Phone', now: 'His own', typed: '' }]],
    ['fields with no label', { other: 'x' }, { other: 'y' }, []],
  ])('%s', (_what, typed, now, expected) => {
    expect(unsavedAnswers(typed, now, labels)).toEqual(expected);
  });
});
