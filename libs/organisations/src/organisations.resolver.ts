import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Context,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Allow, Caller, Capability, CurrentCaller, DecidedByParent } from '@resettle/access';
import { Connection, GraphqlContext, PageArgs } from '@resettle/common';
import { Organisation } from './organisation.entity';
import { OrganisationType } from './organisation-type';
import { OrganisationsService } from './organisations.service';

@ObjectType()
class OrganisationConnection extends Connection(Organisation, 'Organisation') {}

@InputType()
export class OrganisationFilter {
  @Field(() => [OrganisationType], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(OrganisationType, { each: true })
  types?: OrganisationType[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;

  @Field(() => ID, {
    nullable: true,
    description: "A local authority's own organisations: its youth justice service, health provider, virtual school, …",
  })
  @IsOptional()
  @IsUUID()
  localAuthorityId?: string;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationFilter, { nullable: true })
  @IsOptional()
  // Without these the filter's own rules (a uuid, a name's length) were never checked.
  @ValidateNested()
  @Type(() => OrganisationFilter)
  filter?: OrganisationFilter;
}

@InputType()
export class SetOrganisationEmailDomainsInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => [String], {
    description:
      'The whole new list (it replaces the old), e.g. ["leeds.gov.uk"]. Empty: nobody new can be given an account there.',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  emailDomains: string[];
}

/** The request loader of organisations by id (a page that read them with its own statement primes it). */
export const ORGANISATION_LOADER = 'organisation';

/** Loads organisations by id through the request's DataLoader (for every `...Organisation` field). */
export function loadOrganisation(ctx: GraphqlContext, service: OrganisationsService, id: string | null) {
  if (!id) return null;
  return ctx.loaders.get<string, Organisation | null>(ORGANISATION_LOADER, (ids) => service.findByIds(ids)).load(id);
}

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly directory: OrganisationsService) {}

  @Query(() => OrganisationConnection, { description: 'The directory of agencies, by name.' })
  @Allow(Capability.READ_DIRECTORY)
  organisations(@Args() args: OrganisationsArgs) {
    return this.directory.list(args.filter ?? {}, args.first, args.after);
  }

  @Query(() => Organisation)
  @Allow(Capability.READ_DIRECTORY)
  organisation(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return this.directory.get(id);
  }

  @Mutation(() => Organisation, {
    description: 'Replace the email domains an organisation’s staff use (national admins). Audited.',
  })
  @Allow(Capability.MANAGE_ORGANISATION_DOMAINS)
  setOrganisationEmailDomains(@Args('input') input: SetOrganisationEmailDomainsInput, @CurrentCaller() caller: Caller) {
    return this.directory.setEmailDomains(caller, input.organisationId, input.emailDomains);
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, { nullable: true })
  localAuthority(@Parent() organisation: Organisation, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.directory, organisation.localAuthorityId);
  }
}
