// Roles are defined beside the access policy that gives them meaning.
export { Role } from '@resettle/access';
