import { validateForm } from '../forms/form-errors';
import {
  CancelHearingForm,
  cancelHearingInput,
  ChildrensServicesInformedForm,
  childrensServicesInformedInput,
  HearingOutcomeForm,
  hearingOutcomeInput,
  hearingsOf,
  MoveHearingForm,
  ScheduleHearingForm,
  sentenceAtHearingNotice,
} from './hearing-forms';

const day = { DateDay: '7', DateMonth: '12', DateYear: '2026' };
const date = (prefix: string) =>
  Object.fromEntries(Object.entries(day).map(([k, v]) => [`${prefix}${k}`, v])) as Record<string, string>;

describe('the hearing forms', () => {
  it.each([
    [ScheduleHearingForm, {}, ['hearingDateDay', 'court', 'purpose']],
    [ScheduleHearingForm, { ...date('hearing'), court: 'Leeds Youth Court', purpose: 'Plea' }, []],
    [ScheduleHearingForm, { ...date('hearing'), court: 'L', purpose: 'Plea' }, ['court']],
    [MoveHearingForm, {}, ['hearingDateDay', 'reason']],
    [MoveHearingForm, { ...date('hearing'), reason: 'Listed for trial' }, []],
    [CancelHearingForm, {}, ['reason']],
    [CancelHearingForm, { reason: '  ' }, ['reason']],
    [CancelHearingForm, { reason: 'No' }, ['reason']],
    [CancelHearingForm, { reason: 'The court vacated the listing' }, []],
    [HearingOutcomeForm, {}, ['outcome']],
    // A sentence is recorded on the sentence page, not here.
    [HearingOutcomeForm, { outcome: 'SENTENCED' }, ['outcome']],
    [HearingOutcomeForm, { outcome: 'REMANDED' }, ['nextHearingDateDay']],
    [HearingOutcomeForm, { outcome: 'REMANDED', ...date('nextHearing') }, []],
    [HearingOutcomeForm, { outcome: 'REMANDED', ...date('nextHearing'), nextHearingCourt: 'X' }, ['nextHearingCourt']],
    [HearingOutcomeForm, { outcome: 'RELEASED_ON_BAIL' }, ['wentTo']],
    [HearingOutcomeForm, { outcome: 'REMANDED_TO_LOCAL_AUTHORITY', wentTo: 'Foster placement, Leeds' }, []],
    // Answers for another outcome are not checked.
    [HearingOutcomeForm, { outcome: 'RELEASED_ON_BAIL', wentTo: 'Home', nextHearingDateDay: '99' }, []],
  ])('%p %j has errors on %j', (form, values, fields) => {
    const { errors } = validateForm(form as new () => object, values);
    expect(Object.keys(errors?.byField ?? {})).toEqual(fields);
  });

  it.each([
    [
      { outcome: 'REMANDED', ...date('nextHearing'), nextHearingCourt: ' ', wentTo: 'Home' },
      { outcome: 'REMANDED', nextHearingDate: '2026-12-07' },
    ],
    [
      { outcome: 'REMANDED', ...date('nextHearing'), nextHearingPurpose: ' Trial ' },
      { outcome: 'REMANDED', nextHearingDate: '2026-12-07', nextHearingPurpose: 'Trial' },
    ],
    [
      { outcome: 'RELEASED_ON_BAIL', ...date('nextHearing'), wentTo: ' Home ' },
      { outcome: 'RELEASED_ON_BAIL', wentTo: 'Home' },
    ],
  ])('the outcome %j goes to the api as %j', (values, input) => {
    expect(hearingOutcomeInput(values)).toEqual(input);
  });

  it('the cancellation goes to the api with its reason trimmed', () => {
    expect(cancelHearingInput({ reason: ' Entered in error ', expectedVersion: '2' })).toEqual({
      reason: 'Entered in error',
    });
  });

  const hearing = (id: string, outcome: string | null, cancellationReason: string | null = null) => ({
    id,
    hearingDate: '2026-12-07',
    court: 'Leeds Youth Court',
    purpose: 'Plea',
    outcome,
    wentTo: null,
    cancellationReason,
  });
  it.each([
    // status, may change, hearings, links on each hearing, may schedule
    ['REMANDED', true, [], [], true],
    ['REMANDED', true, [hearing('a', 'REMANDED'), hearing('b', null)], [0, 3], false],
    // A cancelled hearing waits for nothing: the next one may be scheduled.
    ['REMANDED', true, [hearing('a', null, 'The court vacated the listing')], [0], true],
    ['REMANDED', true, [hearing('a', null, 'Entered in error'), hearing('b', null)], [0, 3], false],
    ['REMANDED', true, [hearing('a', 'REMANDED')], [0], true],
    ['REMANDED', false, [hearing('b', null)], [0], false],
    ['SENTENCED', true, [hearing('a', 'SENTENCED')], [0], false],
    ['RELEASED', true, [hearing('a', 'RELEASED_ON_BAIL')], [0], false],
  ])('a %s episode (may change: %p) with %j: links %j, schedule %p', (status, may, hearings, links, schedule) => {
    const view = hearingsOf({ id: 'e', status, hearings }, may);
    expect(view.rows.map((r) => r.links.length)).toEqual(links);
    expect(view.scheduleHref).toBe(schedule ? '/episodes/e/hearings/new' : null);
  });

  it.each([
    // may record, records (null: the plan's records not shown), the words on each hearing, links on each
    [true, [], ['Not recorded', 'Not told yet'], [false, true]],
    [false, [], ['Not recorded', 'Not told yet'], [false, false]],
    [
      true,
      [{ hearingId: 'b', informedOn: '2026-11-20', informedBy: 'Priya Tester', informedWhom: 'Duty team' }],
      ['Not recorded', 'Told on 20 November 2026 by Priya Tester (told: Duty team)'],
      [false, true],
    ],
    [false, null, [null, null], [false, false]],
  ])("children's services told of each hearing (may record: %p, records %j)", (mayRecord, told, words, links) => {
    const view = hearingsOf(
      { id: 'e', status: 'REMANDED', hearings: [hearing('a', 'REMANDED'), hearing('b', null)] },
      true,
      { mayRecord, told },
    );
    expect(view.childrensServicesShown).toBe(told !== null);
    expect(view.rows.map((r) => r.childrensServices)).toEqual(words);
    expect(view.rows.map((r) => !!r.informLink)).toEqual(links);
    if (links[1]) expect(view.rows[1].informLink!.href).toBe('/episodes/e/hearings/b/childrens-services');
  });

  it("the record that children's services were told: the day and who told them needed, whom they told optional", () => {
    expect(Object.keys(validateForm(ChildrensServicesInformedForm, {}).errors?.byField ?? {}).sort()).toEqual([
      'informedBy',
      'informedOnDay',
    ]);
    const values = {
      informedOnDay: '7',
      informedOnMonth: '12',
      informedOnYear: '2026',
      informedBy: 'Priya Tester',
      informedWhom: ' ',
    };
    expect(validateForm(ChildrensServicesInformedForm, values).errors).toBeFalsy();
    expect(childrensServicesInformedInput(values)).toEqual({ informedOn: '2026-12-07', informedBy: 'Priya Tester' });
    expect(childrensServicesInformedInput({ ...values, informedWhom: 'Duty team' })).toMatchObject({
      informedWhom: 'Duty team',
    });
  });

  it('shows a cancelled hearing with its reason, and what may be done to the one waiting', () => {
    const view = hearingsOf(
      { id: 'e', status: 'REMANDED', hearings: [hearing('a', null, 'Entered in error'), hearing('b', null)] },
      true,
    );
    expect(view.rows.map((r) => r.outcomeLabel)).toEqual(['Cancelled: Entered in error', null]);
    expect(view.rows[1].links.map((l) => l.text)).toEqual([
      'Move the hearing',
      'Record the outcome',
      'Cancel the hearing',
    ]);
    expect(view.rows[1].links[2].href).toBe('/episodes/e/hearings/b/cancel');
  });
});

describe('what a sentence does to the hearing waiting for its outcome', () => {
  const waiting = {
    id: 'h2',
    hearingDate: '2026-12-14',
    court: 'Leeds Youth Court',
    purpose: 'Trial',
    outcome: null,
    wentTo: null,
  };
  const done = { ...waiting, id: 'h1', hearingDate: '2026-11-30', outcome: 'REMANDED' };
  const cancelled = { ...waiting, id: 'h3', cancellationReason: 'Listing vacated' };
  it.each([
    ['no hearing', 'REMANDED', [done], undefined, null],
    ['only a cancelled one', 'REMANDED', [done, cancelled], '2026-12-01', null],
    ['sentenced, not on remand', 'SENTENCED', [waiting], '2026-12-14', null],
    [
      'the form, before a date is typed',
      'REMANDED',
      [done, waiting],
      undefined,
      {
        text: 'The child is waiting for the outcome of the hearing at Leeds Youth Court on 14 December 2026 (Trial). Saving a sentence dated that day or later also records that hearing’s outcome as sentenced. A sentence dated before it is refused: if the child was sentenced at an earlier hearing, cancel the listed one with the reason first.',
        refused: false,
      },
    ],
    [
      'dated the hearing day',
      'REMANDED',
      [done, waiting],
      '2026-12-14',
      {
        text: 'Saving this sentence also records the outcome of the hearing at Leeds Youth Court on 14 December 2026 (Trial) as sentenced.',
        refused: false,
      },
    ],
    ['dated after it (adjourned for reports)', 'REMANDED', [waiting], '2026-12-21', { refused: false }],
    [
      'dated before it',
      'REMANDED',
      [waiting],
      '2026-12-13',
      {
        text: 'The sentence is dated before the hearing at Leeds Youth Court on 14 December 2026 (Trial), which is waiting for its outcome: it would be refused. Correct the date, or if the child was sentenced at an earlier hearing, cancel the listed one with the reason first',
        refused: true,
      },
    ],
  ])('%s', (_case, status, hearings, sentenceDate, expected) => {
    const notice = sentenceAtHearingNotice({ status, hearings }, sentenceDate);
    if (expected === null) expect(notice).toBeNull();
    else expect(notice).toMatchObject(expected);
  });
});
