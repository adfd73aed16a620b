import type { Actor } from '../actor';
import { Role } from '../role';
import {
  Capability,
  hasRole,
  mayListCaseManagersOf,
  mayManageUsersOf,
  mayPerform,
  measureChildrenScope,
  MeasuresScope,
  measuresScope,
} from './capabilities';

const actor = (organisationId: string, ...roles: Role[]): Actor => ({
  userId: `user-${organisationId}-${roles.join('+') || 'none'}`,
  organisationId,
  roles,
  authenticatedBy: 'PASSWORD',
});

describe('capabilities', () => {
  // The expected table, written out by hand from the rules (never derived from CAPABILITY_ROLES).
  // Columns, in this order:
  const COLUMNS = [
    Role.YJS_CASE_MANAGER, //        YC
    Role.YJS_MANAGER, //             YM
    Role.ESTABLISHMENT_STAFF, //     ES
    Role.ESTABLISHMENT_MANAGER, //   EM
    Role.LA_ACCOMMODATION_OFFICER, // AO
    Role.LA_CHILDRENS_SERVICES, //   CS
    Role.HEALTH_PRACTITIONER, //     HP
    Role.EDUCATION_PROVIDER, //      ED
    Role.NATIONAL_ADMIN, //          NA
  ] as const;
  const Y = true;
  const _ = false;
  const EXPECTED: Record<Capability, readonly boolean[]> = {
    //                                 YC YM ES EM AO CS HP ED NA
    [Capability.READ_DIRECTORY]: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    [Capability.READ_SELF]: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    [Capability.CHANGE_OWN_PASSWORD]: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    [Capability.CHANGE_OWN_DETAILS]: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    [Capability.READ_CHILD]: [Y, Y, Y, Y, Y, Y, Y, Y, _],
    [Capability.READ_CASELOAD]: [Y, Y, Y, Y, _, Y, _, _, _],
    [Capability.REGISTER_CHILD]: [Y, Y, _, _, _, _, _, _, _],
    [Capability.CHANGE_CUSTODY]: [Y, Y, Y, Y, _, _, _, _, _],
    [Capability.ASSIGN_CASE_MANAGER]: [_, Y, _, _, _, _, _, _, _],
    [Capability.CHANGE_PLAN]: [Y, Y, Y, Y, Y, Y, Y, Y, _],
    [Capability.WAIVE_MILESTONE]: [_, Y, _, _, _, _, _, _, _],
    [Capability.TRANSFER_SUPERVISION]: [_, Y, _, _, _, _, _, _, _],
    [Capability.CONFIGURE_MILESTONE_POLICY]: [_, Y, _, _, _, _, _, _, _],
    [Capability.READ_OWN_NOTIFICATIONS]: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
    [Capability.VIEW_ENGINE_STATUS]: [_, _, _, _, _, _, _, _, Y],
    [Capability.READ_AUDIT]: [_, Y, _, _, _, _, _, _, _],
    [Capability.MANAGE_USERS]: [_, Y, _, Y, _, _, _, _, Y],
    [Capability.MANAGE_ORGANISATION_DOMAINS]: [_, _, _, _, _, _, _, _, Y],
    [Capability.SEND_REFERRAL]: [Y, Y, _, _, _, _, _, _, _],
    [Capability.RESPOND_TO_REFERRAL]: [_, _, _, _, Y, _, Y, Y, _],
    [Capability.READ_REFERRALS]: [Y, Y, _, _, Y, _, Y, Y, _],
    [Capability.READ_MEASURES]: [_, Y, _, Y, Y, Y, _, _, Y],
    [Capability.READ_MEASURE_CHILDREN]: [_, Y, _, _, _, _, _, _, _],
    [Capability.CONFIGURE_RESPONSE_TARGETS]: [_, _, _, _, Y, _, _, _, Y],
  };

  it('the expected table covers every capability and every role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(Capability).sort());
    expect([...COLUMNS].sort()).toEqual(Object.values(Role).sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(COLUMNS.length);
  });

  const cells = (Object.entries(EXPECTED) as [Capability, readonly boolean[]][]).flatMap(([capability, row]) =>
    COLUMNS.map((role, i) => [capability, role, row[i]] as const),
  );

  it.each(cells)('%s for %s is %s', (capability, role, expected) => {
    expect(mayPerform(actor('org', role), capability)).toBe(expected);
  });

  it.each(Object.values(Capability))('%s is refused to a user with no roles', (capability) => {
    expect(mayPerform(actor('org'), capability)).toBe(false);
  });

  it.each([
    // [roles, capability, expected]: a user with several roles has what any of them has
    [[Role.YJS_CASE_MANAGER, Role.NATIONAL_ADMIN], Capability.READ_CHILD, true],
    [[Role.YJS_CASE_MANAGER, Role.NATIONAL_ADMIN], Capability.MANAGE_USERS, true],
    [[Role.YJS_CASE_MANAGER, Role.NATIONAL_ADMIN], Capability.READ_AUDIT, false],
    [[Role.LA_ACCOMMODATION_OFFICER, Role.LA_CHILDRENS_SERVICES], Capability.READ_CASELOAD, true],
    [[Role.LA_ACCOMMODATION_OFFICER, Role.LA_CHILDRENS_SERVICES], Capability.CHANGE_CUSTODY, false],
    [[Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER], Capability.READ_CASELOAD, false],
    [[Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER], Capability.ASSIGN_CASE_MANAGER, false],
  ])('roles %j: %s is %s', (roles, capability, expected) => {
    expect(mayPerform(actor('org', ...roles), capability)).toBe(expected);
  });

  it.each([
    [[Role.YJS_CASE_MANAGER], [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER], true],
    [[Role.HEALTH_PRACTITIONER, Role.YJS_MANAGER], [Role.YJS_MANAGER], true],
    [[Role.HEALTH_PRACTITIONER], [Role.YJS_MANAGER, Role.NATIONAL_ADMIN], false],
    [[], [Role.NATIONAL_ADMIN], false],
    [[Role.NATIONAL_ADMIN], [], false],
  ])('hasRole(%j, %j) is %s', (roles, wanted, expected) => {
    expect(hasRole({ roles }, wanted)).toBe(expected);
  });
});

describe('mayManageUsersOf', () => {
  it.each([
    // [who, organisation managed, expected, actor]
    ['national admin, own organisation', 'nat', true, actor('nat', Role.NATIONAL_ADMIN)],
    ['national admin, a youth justice service', 'yjsA', true, actor('nat', Role.NATIONAL_ADMIN)],
    ['national admin, an establishment', 'estB', true, actor('nat', Role.NATIONAL_ADMIN)],
    ['national admin, a local authority', 'laA', true, actor('nat', Role.NATIONAL_ADMIN)],
    ['YJS manager, own service', 'yjsA', true, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, another service', 'yjsB', false, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, an establishment', 'estA', false, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, the national organisation', 'nat', false, actor('yjsA', Role.YJS_MANAGER)],
    ['establishment manager, own establishment', 'estA', true, actor('estA', Role.ESTABLISHMENT_MANAGER)],
    ['establishment manager, another establishment', 'estB', false, actor('estA', Role.ESTABLISHMENT_MANAGER)],
    ['establishment manager, a youth justice service', 'yjsA', false, actor('estA', Role.ESTABLISHMENT_MANAGER)],
    ['YJS case manager, own service', 'yjsA', false, actor('yjsA', Role.YJS_CASE_MANAGER)],
    ['YJS case manager, another service', 'yjsB', false, actor('yjsA', Role.YJS_CASE_MANAGER)],
    ['establishment staff, own establishment', 'estA', false, actor('estA', Role.ESTABLISHMENT_STAFF)],
    ["children's services, own authority", 'laA', false, actor('laA', Role.LA_CHILDRENS_SERVICES)],
    ['accommodation officer, own authority', 'laA', false, actor('laA', Role.LA_ACCOMMODATION_OFFICER)],
    ['health practitioner, own organisation', 'healthA', false, actor('healthA', Role.HEALTH_PRACTITIONER)],
    ['education provider, own organisation', 'eduA', false, actor('eduA', Role.EDUCATION_PROVIDER)],
    ['no roles, own organisation', 'yjsA', false, actor('yjsA')],
    // Several roles: any one that allows it is enough, and the organisation rule still holds for managers.
    ['case manager + YJS manager, own service', 'yjsA', true, actor('yjsA', Role.YJS_CASE_MANAGER, Role.YJS_MANAGER)],
    [
      'case manager + YJS manager, another service',
      'yjsB',
      false,
      actor('yjsA', Role.YJS_CASE_MANAGER, Role.YJS_MANAGER),
    ],
    [
      'case manager + national admin, another service',
      'yjsB',
      true,
      actor('yjsA', Role.YJS_CASE_MANAGER, Role.NATIONAL_ADMIN),
    ],
    [
      'staff + establishment manager, own',
      'estA',
      true,
      actor('estA', Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER),
    ],
    [
      'staff + establishment manager, other',
      'estB',
      false,
      actor('estA', Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER),
    ],
    [
      "children's services + accommodation officer, own",
      'laA',
      false,
      actor('laA', Role.LA_CHILDRENS_SERVICES, Role.LA_ACCOMMODATION_OFFICER),
    ],
  ])('%s, managing %s → %s', (_who, organisationId, expected, who) => {
    expect(mayManageUsersOf(who, organisationId)).toBe(expected);
  });
});

describe('mayListCaseManagersOf', () => {
  it.each([
    // [who, organisation type, expected, actor]
    ['YJS manager, a youth justice service', 'YOUTH_JUSTICE_SERVICE', true, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, an establishment', 'YOI', false, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, a local authority', 'LOCAL_AUTHORITY', false, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS manager, no such organisation', null, false, actor('yjsA', Role.YJS_MANAGER)],
    ['YJS case manager, a youth justice service', 'YOUTH_JUSTICE_SERVICE', false, actor('yjsA', Role.YJS_CASE_MANAGER)],
    ['establishment manager', 'YOUTH_JUSTICE_SERVICE', false, actor('estA', Role.ESTABLISHMENT_MANAGER)],
    ["children's services", 'YOUTH_JUSTICE_SERVICE', false, actor('laA', Role.LA_CHILDRENS_SERVICES)],
    [
      'national admin (manages users, hands over no child)',
      'YOUTH_JUSTICE_SERVICE',
      false,
      actor('nat', Role.NATIONAL_ADMIN),
    ],
    [
      'case manager + YJS manager',
      'YOUTH_JUSTICE_SERVICE',
      true,
      actor('yjsA', Role.YJS_CASE_MANAGER, Role.YJS_MANAGER),
    ],
  ])('%s (%s) → %s', (_who, type, expected, who) => {
    expect(mayListCaseManagersOf(who, type)).toBe(expected);
  });
});

describe('measuresScope', () => {
  const service = (id: string): MeasuresScope => ({ kind: 'YOUTH_JUSTICE_SERVICE', id });
  const establishment = (id: string): MeasuresScope => ({ kind: 'ESTABLISHMENT', id });
  const council = (id: string): MeasuresScope => ({ kind: 'LOCAL_AUTHORITY', id });
  const region: MeasuresScope = { kind: 'REGION', id: 'Wales' };
  const all: MeasuresScope = { kind: 'ENGLAND_AND_WALES', id: null };
  const NOT_FOUND = { refused: 'NOT_FOUND' };
  const NOT_LEAD = { refused: 'FORBIDDEN', reason: 'not the lead of this council' };
  // The caller is user u1 of organisation orgA; `lead` is orgA's lead.
  it.each<[string, Role[], string | null, MeasuresScope | null, unknown]>([
    ['national admin, none asked: England and Wales', [Role.NATIONAL_ADMIN], null, null, all],
    ['national admin, one service', [Role.NATIONAL_ADMIN], null, service('yjsB'), service('yjsB')],
    ['national admin, an establishment', [Role.NATIONAL_ADMIN], null, establishment('estB'), establishment('estB')],
    ['national admin, a council', [Role.NATIONAL_ADMIN], null, council('laB'), council('laB')],
    ['national admin, a region', [Role.NATIONAL_ADMIN], null, region, region],
    ['youth justice manager, none asked: their own', [Role.YJS_MANAGER], null, null, service('orgA')],
    ['youth justice manager, their own', [Role.YJS_MANAGER], null, service('orgA'), service('orgA')],
    ['youth justice manager, another service', [Role.YJS_MANAGER], null, service('yjsB'), NOT_FOUND],
    [
      'youth justice manager, their own id as an establishment',
      [Role.YJS_MANAGER],
      null,
      establishment('orgA'),
      NOT_FOUND,
    ],
    ['youth justice manager, a region', [Role.YJS_MANAGER], null, region, NOT_FOUND],
    ['youth justice manager, England and Wales', [Role.YJS_MANAGER], null, all, NOT_FOUND],
    ['case manager', [Role.YJS_CASE_MANAGER], null, service('orgA'), NOT_FOUND],
    ['establishment manager, none asked: theirs', [Role.ESTABLISHMENT_MANAGER], null, null, establishment('orgA')],
    ['establishment manager, another', [Role.ESTABLISHMENT_MANAGER], null, establishment('estB'), NOT_FOUND],
    ['establishment staff', [Role.ESTABLISHMENT_STAFF], null, null, NOT_FOUND],
    ["council's lead, none asked: their council", [Role.LA_CHILDRENS_SERVICES], 'u1', null, council('orgA')],
    [
      "council's lead (an officer), their council",
      [Role.LA_ACCOMMODATION_OFFICER],
      'u1',
      council('orgA'),
      council('orgA'),
    ],
    ["council's lead, another council", [Role.LA_CHILDRENS_SERVICES], 'u1', council('laB'), NOT_FOUND],
    ["council's lead, England and Wales", [Role.LA_CHILDRENS_SERVICES], 'u1', all, NOT_FOUND],
    ['council officer, not the lead, their council', [Role.LA_CHILDRENS_SERVICES], 'u2', null, NOT_LEAD],
    ['council officer, no lead named, their council', [Role.LA_ACCOMMODATION_OFFICER], null, council('orgA'), NOT_LEAD],
    ['council officer, not the lead, another council', [Role.LA_CHILDRENS_SERVICES], 'u2', council('laB'), NOT_FOUND],
    ['health practitioner', [Role.HEALTH_PRACTITIONER], 'u1', null, NOT_FOUND],
  ])('%s', (_who, roles, lead, asked, expected) => {
    expect(measuresScope({ userId: 'u1', organisationId: 'orgA', roles }, asked, lead)).toEqual(expected);
  });
});

describe('measureChildrenScope', () => {
  const own: MeasuresScope = { kind: 'YOUTH_JUSTICE_SERVICE', id: 'orgA' };
  it.each<[string, Role[], MeasuresScope | null, unknown]>([
    ['youth justice manager, none asked: their own', [Role.YJS_MANAGER], null, own],
    ['youth justice manager, their own', [Role.YJS_MANAGER], own, own],
    ['youth justice manager, another service', [Role.YJS_MANAGER], { ...own, id: 'yjsB' }, { refused: 'NOT_FOUND' }],
    ['youth justice manager, a region', [Role.YJS_MANAGER], { kind: 'REGION', id: 'Wales' }, { refused: 'NOT_FOUND' }],
    ['establishment manager, their own', [Role.ESTABLISHMENT_MANAGER], null, { refused: 'NOT_FOUND' }],
    ['national admin', [Role.NATIONAL_ADMIN], null, { refused: 'NOT_FOUND' }],
  ])('%s', (_who, roles, asked, expected) => {
    expect(measureChildrenScope({ organisationId: 'orgA', roles }, asked)).toEqual(expected);
  });
});
