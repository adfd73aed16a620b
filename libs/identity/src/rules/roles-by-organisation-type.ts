import { OrganisationType } from '@resettle/organisations';
import { Role } from '../role';

/** The roles a member of staff of each kind of organisation may hold. */
const ROLES_BY_ORGANISATION_TYPE: Readonly<Record<OrganisationType, readonly Role[]>> = {
  [OrganisationType.YOUTH_JUSTICE_SERVICE]: [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER],
  [OrganisationType.YOI]: [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER],
  [OrganisationType.STC]: [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER],
  [OrganisationType.SCH]: [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER],
  [OrganisationType.SECURE_SCHOOL]: [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER],
  // Children's services and the accommodation team are the local authority itself.
  [OrganisationType.LOCAL_AUTHORITY]: [Role.LA_ACCOMMODATION_OFFICER, Role.LA_CHILDRENS_SERVICES],
  [OrganisationType.HEALTH_PROVIDER]: [Role.HEALTH_PRACTITIONER],
  [OrganisationType.EDUCATION_PROVIDER]: [Role.EDUCATION_PROVIDER],
  [OrganisationType.NATIONAL_BODY]: [Role.NATIONAL_ADMIN],
};

export function rolesAllowedIn(organisationType: OrganisationType): readonly Role[] {
  return ROLES_BY_ORGANISATION_TYPE[organisationType] ?? [];
}

/** The roles in `roles` that do not suit an organisation of this type (empty when all suit). */
export function unsuitableRoles(organisationType: OrganisationType, roles: readonly Role[]): Role[] {
  const allowed = rolesAllowedIn(organisationType);
  return [...new Set(roles)].filter((role) => !allowed.includes(role));
}

/** Roles that manage an organisation's users: a person may not take these from themselves. */
export const MANAGING_ROLES: readonly Role[] = [Role.NATIONAL_ADMIN, Role.YJS_MANAGER, Role.ESTABLISHMENT_MANAGER];
