import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DecidedByParent } from '@resettle/access';
import { Organisation } from '@resettle/organisations';
import { Role } from '../role';
import { rolesAllowedIn } from '../rules/roles-by-organisation-type';

/**
 * The roles an organisation's staff may hold, from identity's rule, so a client offers only those (the api checks
 * again).
 */
@Resolver(() => Organisation)
export class OrganisationRolesResolver {
  @DecidedByParent()
  @ResolveField(() => [Role], {
    description: 'The roles its staff may hold (for example YJS_* in a youth justice service).',
  })
  staffRoles(@Parent() organisation: Organisation): readonly Role[] {
    return rolesAllowedIn(organisation.type);
  }
}
