import { OrganisationType } from '@resettle/organisations';
import { Role } from '../role';
import { rolesAllowedIn, unsuitableRoles } from './roles-by-organisation-type';

describe('rolesAllowedIn', () => {
  it.each<[OrganisationType, Role[]]>([
    [OrganisationType.YOUTH_JUSTICE_SERVICE, [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER]],
    [OrganisationType.YOI, [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER]],
    [OrganisationType.STC, [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER]],
    [OrganisationType.SCH, [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER]],
    [OrganisationType.SECURE_SCHOOL, [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER]],
    [OrganisationType.LOCAL_AUTHORITY, [Role.LA_ACCOMMODATION_OFFICER, Role.LA_CHILDRENS_SERVICES]],
    [OrganisationType.HEALTH_PROVIDER, [Role.HEALTH_PRACTITIONER]],
    [OrganisationType.EDUCATION_PROVIDER, [Role.EDUCATION_PROVIDER]],
    [OrganisationType.NATIONAL_BODY, [Role.NATIONAL_ADMIN]],
  ])('%s: %j', (type, roles) => {
    expect([...rolesAllowedIn(type)].sort()).toEqual([...roles].sort());
  });

  it('covers every organisation type, and every role fits somewhere', () => {
    const all = Object.values(OrganisationType).flatMap((type) => rolesAllowedIn(type));
    for (const type of Object.values(OrganisationType)) expect(rolesAllowedIn(type).length).toBeGreaterThan(0);
    expect(new Set(all)).toEqual(new Set(Object.values(Role)));
  });
});

describe('unsuitableRoles', () => {
  it.each<[OrganisationType, Role[], Role[]]>([
    [OrganisationType.YOUTH_JUSTICE_SERVICE, [Role.YJS_MANAGER, Role.YJS_CASE_MANAGER], []],
    [OrganisationType.YOUTH_JUSTICE_SERVICE, [Role.YJS_MANAGER, Role.ESTABLISHMENT_STAFF], [Role.ESTABLISHMENT_STAFF]],
    [OrganisationType.YOI, [Role.NATIONAL_ADMIN], [Role.NATIONAL_ADMIN]],
    [OrganisationType.LOCAL_AUTHORITY, [Role.LA_CHILDRENS_SERVICES, Role.LA_CHILDRENS_SERVICES], []],
    [OrganisationType.HEALTH_PROVIDER, [Role.EDUCATION_PROVIDER], [Role.EDUCATION_PROVIDER]],
    [OrganisationType.NATIONAL_BODY, [Role.NATIONAL_ADMIN, Role.YJS_MANAGER], [Role.YJS_MANAGER]],
  ])('%s with %j: %j unsuitable', (type, roles, unsuitable) => {
    expect(unsuitableRoles(type, roles)).toEqual(unsuitable);
  });
});
