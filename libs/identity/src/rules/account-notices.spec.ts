import { accountNotice, accountNoticeRecipients } from './account-notices';

describe('accountNoticeRecipients', () => {
  const base = {
    managerIds: [] as string[],
    leadUserId: null as string | null,
    memberIds: [] as string[],
    actorUserId: 'admin',
    subjectUserId: 'new',
  };
  it.each<[string, Partial<typeof base>, string[]]>([
    ['the managers', { managerIds: ['m1', 'm2'], memberIds: ['m1', 'm2', 'c1'] }, ['m1', 'm2']],
    ['the managers and the named lead, once each', { managerIds: ['m1'], leadUserId: 'm1', memberIds: ['m1'] }, ['m1']],
    [
      'a lead who is not a manager',
      { managerIds: ['m1'], leadUserId: 'head', memberIds: ['m1', 'head'] },
      ['m1', 'head'],
    ],
    ['no managers (a council): its lead', { leadUserId: 'head', memberIds: ['head', 'o1'] }, ['head']],
    ['no managers and no lead: everyone there', { memberIds: ['o1', 'o2'] }, ['o1', 'o2']],
    ['never the new account itself', { memberIds: ['new', 'o1'] }, ['o1']],
    [
      'never the person who acted (a manager enabling in their own organisation is not told)',
      { managerIds: ['admin'], memberIds: ['admin', 'o1'] },
      ['o1'],
    ],
    [
      'a manager whose own roles were changed: the other managers',
      { managerIds: ['new', 'm2'], subjectUserId: 'new', memberIds: ['new', 'm2'] },
      ['m2'],
    ],
    ['nobody there at all', {}, []],
  ])('%s', (_label, facts, expected) => {
    expect(accountNoticeRecipients({ ...base, ...facts })).toEqual(expected);
  });
});

describe('accountNotice', () => {
  const facts = {
    subjectEmail: 'jo@birmingham.yjs.example.com',
    roles: ['YJS_MANAGER'],
    actorEmail: 'admin@yjb.national.example.com',
    actorOrganisationName: 'Youth Justice Board (demo)',
    organisationName: 'Birmingham Youth Justice Service',
  };
  it.each([
    [
      'CREATED',
      {},
      'New account at Birmingham Youth Justice Service: jo@birmingham.yjs.example.com',
      'admin@yjb.national.example.com (Youth Justice Board (demo)) created an account for jo@birmingham.yjs.example.com at Birmingham Youth Justice Service, with the roles YJS_MANAGER.',
    ],
    [
      'ENABLED',
      {},
      'Account enabled at Birmingham Youth Justice Service: jo@birmingham.yjs.example.com',
      'admin@yjb.national.example.com (Youth Justice Board (demo)) enabled the account of jo@birmingham.yjs.example.com at Birmingham Youth Justice Service (roles YJS_MANAGER).',
    ],
    [
      'ROLES_CHANGED',
      { rolesBefore: ['YJS_CASE_MANAGER'], roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] },
      'Roles changed at Birmingham Youth Justice Service: jo@birmingham.yjs.example.com',
      'admin@yjb.national.example.com (Youth Justice Board (demo)) changed the roles of jo@birmingham.yjs.example.com at Birmingham Youth Justice Service from YJS_CASE_MANAGER to YJS_CASE_MANAGER, YJS_MANAGER.',
    ],
  ] as const)('%s', (change, extra, title, bodyStart) => {
    const notice = accountNotice({ ...facts, ...extra, change });
    expect(notice.title).toBe(title);
    expect(notice.body.startsWith(bodyStart)).toBe(true);
    expect(notice.body).toContain('If you did not expect this, disable the account');
  });
});
