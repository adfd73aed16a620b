import {
  formValues,
  parseRegisterChild,
  parseStartCustody,
  registerRows,
  setAsideIds,
  startCustodyRows,
  Values,
} from './child-forms';

const TODAY = '2026-11-23';
const LA = '00000000-0000-4000-8000-000000000001';
const YOI = '00000000-0000-4000-8000-000000000002';

const child: Values = {
  givenName: 'Rubi',
  familyName: 'Marsh',
  dobDay: '4',
  dobMonth: '5',
  dobYear: '2011',
  gender: 'FEMALE',
  lookedAfter: 'no',
};

/** The fields with errors, in order, and their messages. */
const errorsOf = (result: { errors: { list: { href: string; text: string }[] } | null }) =>
  (result.errors?.list ?? []).map((e) => [e.href.slice(1), e.text]);

describe('the register-a-child form', () => {
  it('is the api input when complete, optional answers left out rather than null', () => {
    expect(parseRegisterChild(child, TODAY)).toEqual({
      input: {
        givenName: 'Rubi',
        familyName: 'Marsh',
        preferredName: undefined,
        dateOfBirth: '2011-05-04',
        gender: 'FEMALE',
        homeAuthorityId: undefined,
        lookedAfter: false,
        responsibleAuthorityId: undefined,
      },
      errors: null,
    });
    expect(
      parseRegisterChild(
        { ...child, preferredName: 'Ru', lookedAfter: 'yes', responsibleAuthorityId: LA, homeAuthorityId: LA },
        TODAY,
      ).input,
    ).toMatchObject({ preferredName: 'Ru', lookedAfter: true, responsibleAuthorityId: LA, homeAuthorityId: LA });
    // Not looked after: an authority chosen before the answer changed is not sent.
    expect(parseRegisterChild({ ...child, responsibleAuthorityId: LA }, TODAY).input?.responsibleAuthorityId).toBe(
      undefined,
    );
  });

  it.each<[string, Values, [string, string][]]>([
    [
      'nothing',
      {},
      [
        ['givenName', 'Enter the child’s first name'],
        ['familyName', 'Enter the child’s last name'],
        ['dobDay', 'Enter date of birth'],
        ['gender', 'Select the child’s gender'],
        ['lookedAfter', 'Select whether the child is looked after by a local authority'],
      ],
    ],
    ['a long name', { givenName: 'A'.repeat(101) }, [['givenName', 'First name must be 100 characters or fewer']]],
    [
      'a long preferred name',
      { preferredName: 'A'.repeat(101) },
      [['preferredName', 'Preferred name must be 100 characters or fewer']],
    ],
    ['no month', { dobMonth: '' }, [['dobDay', 'Date of birth must include a month']]],
    ['no such day', { dobDay: '31', dobMonth: '4' }, [['dobDay', 'Date of birth must be a real date']]],
    [
      'born today',
      { dobDay: '23', dobMonth: '11', dobYear: '2026' },
      [['dobDay', 'Date of birth must be in the past']],
    ],
    ['a gender not offered', { gender: 'UNKNOWN' }, [['gender', 'Select the child’s gender']]],
    [
      'a made-up authority',
      { homeAuthorityId: 'Leeds' },
      [['homeAuthorityId', 'Select the local authority the child comes from']],
    ],
    [
      'looked after by nobody',
      { lookedAfter: 'yes', responsibleAuthorityId: '' },
      [['responsibleAuthorityId', 'Select the local authority responsible for the child']],
    ],
  ])('%s', (_case, change, expected) => {
    const values = _case === 'nothing' ? change : { ...child, ...change };
    const result = parseRegisterChild(values, TODAY);
    expect(errorsOf(result)).toEqual(expected);
    expect(result.input).toBeNull();
  });

  it('shows the answers to check, with the authorities by name', () => {
    const rows = registerRows({ ...child, lookedAfter: 'yes', responsibleAuthorityId: LA }, (id) =>
      id === LA ? 'Regtown Council' : '?',
    );
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['First name', 'Rubi'],
      ['Last name', 'Marsh'],
      ['Preferred name', 'None given'],
      ['Date of birth', '4 May 2011'],
      ['Gender', 'Female'],
      ['Local authority the child comes from', 'Not known'],
      ['Looked after', 'Yes, by Regtown Council'],
    ]);
  });
});

describe('the posted answers', () => {
  it('are trimmed text, without the token, the step or the ticks', () => {
    expect(formValues({ _csrf: 't', step: 'check', setAside: ['x'], givenName: ' Rubi ', n: 3 })).toEqual({
      givenName: 'Rubi',
    });
    expect(formValues(undefined)).toEqual({});
  });

  it.each<[unknown, string[]]>([
    [{}, []],
    [{ setAside: LA }, [LA]],
    [{ setAside: [LA, YOI, LA] }, [LA, YOI]],
    [{ setAside: ['not an id', 7] }, []],
    [null, []],
  ])('the children set aside of %j are %j', (body, expected) => {
    expect(setAsideIds(body)).toEqual(expected);
  });
});

describe('the start-custody form', () => {
  const remand: Values = {
    kind: 'REMAND',
    court: 'Leeds Youth Court',
    remandDateDay: '21',
    remandDateMonth: '11',
    remandDateYear: '2026',
    establishmentId: YOI,
  };
  const sentence: Values = {
    kind: 'SENTENCE',
    court: 'Leeds Crown Court',
    sentenceType: 'DTO',
    sentenceDateDay: '20',
    sentenceDateMonth: '11',
    sentenceDateYear: '2026',
    termMonths: '12',
    establishmentId: YOI,
  };

  it('is a remand or a sentence, never both', () => {
    expect(parseStartCustody({ ...remand, sentenceType: 'DTO', termMonths: '12' }, TODAY)).toEqual({
      input: { establishmentId: YOI, court: 'Leeds Youth Court', remandDate: '2026-11-21' },
      errors: null,
    });
    expect(parseStartCustody({ ...sentence, remandDays: '30', remandDateDay: '1' }, TODAY).input).toEqual({
      establishmentId: YOI,
      court: 'Leeds Crown Court',
      sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-20', termMonths: 12, remandDays: 30 },
    });
    expect(
      parseStartCustody({ ...sentence, sentenceType: 'EXTENDED', termMonths: '24', extensionMonths: '36' }, TODAY).input
        ?.sentence,
    ).toMatchObject({ termMonths: 24, extensionMonths: 36 });
    // Detention at His Majesty's Pleasure: the minimum term may be left out.
    expect(parseStartCustody({ ...sentence, sentenceType: 'DHMP', termMonths: '' }, TODAY).input?.sentence).toEqual({
      sentenceType: 'DHMP',
      sentenceDate: '2026-11-20',
    });
  });

  it.each<[string, Values, [string, string][]]>([
    [
      'nothing',
      {},
      [
        ['kind', 'Select whether the child was remanded or sentenced'],
        ['court', 'Enter the court that remanded or sentenced the child'],
        ['establishmentId', 'Select where the child is held'],
      ],
    ],
    [
      'a remand without its date',
      { ...remand, remandDateDay: '', remandDateMonth: '', remandDateYear: '' },
      [['remandDateDay', 'Enter the date of remand']],
    ],
    [
      'a remand tomorrow',
      { ...remand, remandDateDay: '24' },
      [['remandDateDay', 'The date of remand must be today or in the past']],
    ],
    ['a remand today', { ...remand, remandDateDay: '23' }, []],
    [
      'a sentence of no kind, without its date or term',
      { kind: 'SENTENCE', court: 'Leeds Crown Court', establishmentId: YOI },
      [
        ['sentenceType', 'Select the sentence'],
        ['sentenceDateDay', 'Enter the date of sentence'],
        ['termMonths', 'Enter the term in months'],
      ],
    ],
    [
      'a term in words',
      { ...sentence, termMonths: 'twelve' },
      [['termMonths', 'The term in months must be a whole number, like 12']],
    ],
    [
      'an extended sentence without its extension',
      { ...sentence, sentenceType: 'EXTENDED' },
      [['extensionMonths', 'Enter the extension period in months']],
    ],
    [
      'remand days in words',
      { ...sentence, remandDays: 'ten' },
      [['remandDays', 'The days spent on remand must be a whole number, like 12']],
    ],
    ['a court of one letter', { ...remand, court: 'L' }, [['court', 'The court must be 2 to 200 characters']]],
    ['held nowhere', { ...remand, establishmentId: '' }, [['establishmentId', 'Select where the child is held']]],
  ])('%s', (_case, values, expected) => {
    expect(errorsOf(parseStartCustody(values, TODAY))).toEqual(expected);
  });

  it('shows the answers to check', () => {
    const nameOf = (id: string) => (id === YOI ? 'HMYOI Regfield' : '?');
    expect(startCustodyRows(remand, nameOf).map((r) => [r.key, r.value])).toEqual([
      ['Custody', 'Remanded to youth detention accommodation'],
      ['Court', 'Leeds Youth Court'],
      ['Date of remand', '21 November 2026'],
      ['Where the child is held', 'HMYOI Regfield'],
    ]);
    expect(startCustodyRows(sentence, nameOf).map((r) => [r.key, r.value])).toEqual([
      ['Sentence', 'Detention and training order (DTO)'],
      ['Court', 'Leeds Crown Court'],
      ['Date of sentence', '20 November 2026'],
      ['Term', '12 months'],
      ['Days on remand', '0'],
      ['Where the child is held', 'HMYOI Regfield'],
    ]);
  });
});
