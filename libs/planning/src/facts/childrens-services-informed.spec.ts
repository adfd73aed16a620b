import { childrensServicesInformedProblem } from './childrens-services-informed';

describe('childrensServicesInformedProblem', () => {
  const waiting = { hearingDate: '2026-12-14', waiting: true };
  it.each([
    // [case, informedOn, hearing, expected field (or null), conflict]
    ['told last week, hearing next month', '2026-11-16', waiting, null, false],
    ['told today', '2026-11-23', waiting, null, false],
    ['told the day custody began', '2026-11-02', waiting, null, false],
    [
      'told the day before the hearing (today)',
      '2026-11-23',
      { hearingDate: '2026-11-24', waiting: true },
      null,
      false,
    ],
    ['told tomorrow', '2026-11-24', waiting, 'informedOn', false],
    ['told before custody began', '2026-11-01', waiting, 'informedOn', false],
    ['told on the hearing day', '2026-11-20', { hearingDate: '2026-11-20', waiting: true }, 'informedOn', false],
    ['told after the hearing day', '2026-11-21', { hearingDate: '2026-11-20', waiting: true }, 'informedOn', false],
    ['a hearing of another child (or none)', '2026-11-16', null, 'hearingId', false],
    [
      'a hearing with its outcome, or cancelled',
      '2026-11-16',
      { hearingDate: '2026-11-20', waiting: false },
      'hearingId',
      true,
    ],
  ])('%s → %s', (_case, informedOn, hearing, field, conflict) => {
    const problem = childrensServicesInformedProblem({
      informedOn,
      today: '2026-11-23',
      episodeStart: '2026-11-02',
      hearing,
    });
    expect(problem?.field ?? null).toBe(field);
    expect(!!problem?.conflict).toBe(conflict);
  });
});
