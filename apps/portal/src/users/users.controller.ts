import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
// The policy's pure capability table: which links to show. The api decides every request again.
import { Capability, mayPerform } from '@resettle/access';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { EmailDomainsForm, InviteUserForm } from '../forms/portal-forms';
import { renderPage } from '../http/page';
import { flash, SignedInUser, signedInUser } from '../session/portal-session';
import { accountStatus, domainsFromText, roleLabel } from './users-view';

const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name type emailDomains staffRoles } }`;
const USERS = `query($org: ID, $after: String) {
  users(organisationId: $org, first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id givenName familyName email roles disabled hasPassword invitation { status expiresAt emailedAt } } } } }`;
const FIND = `query($filter: OrganisationFilter) { organisations(filter: $filter, first: 25) { totalCount edges { node { id name type } } } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email } }`;
const RESEND = `mutation($input: ResendInvitationInput!) { resendInvitation(input: $input) { id email } }`;
const SET_DOMAINS = `mutation($input: SetOrganisationEmailDomainsInput!) { setOrganisationEmailDomains(input: $input) { id } }`;

interface Organisation {
  id: string;
  name: string;
  type: string;
  emailDomains: string[];
  staffRoles: string[];
}

const isNationalAdmin = (user: SignedInUser) =>
  mayPerform({ roles: user.roles as Role[] }, Capability.MANAGE_ORGANISATION_DOMAINS);

/**
 * The people of an organisation, for those who manage its users (its managers; national admins for any): who has
 * an account, who is still to choose a password, inviting someone (they are emailed a link to choose their own
 * password: nobody sets another person's) and sending an invitation again.
 */
@Controller('users')
export class UsersController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('organisationId') organisationId?: string,
    @Query('q') q?: string,
    @Query('after') after?: string,
  ) {
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredError(request.url);
    const orgId = organisationId && /^[0-9a-f-]{36}$/i.test(organisationId) ? organisationId : undefined;
    if (!orgId && isNationalAdmin(user)) return this.findOrganisation(request, reply, q);
    return this.renderList(request, reply, orgId ?? user.organisationId, after);
  }

  @Get('invite')
  async inviteForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('organisationId', ParseUUIDPipe) organisationId: string,
  ) {
    const organisation = await this.organisation(request, organisationId);
    return this.renderInvite(request, reply, organisation, { organisationId: organisation.id });
  }

  @Post('invite')
  async invite(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, string | string[]>,
  ) {
    const organisation = await this.organisation(request, String(body?.organisationId ?? ''));
    const values = { ...body, organisationId: organisation.id };
    const { value, errors } = validateForm(InviteUserForm, values);
    if (errors) return this.renderInvite(request, reply, organisation, values, errors, 400);
    try {
      await this.api.asUser(request, CREATE, {
        input: {
          organisationId: organisation.id,
          givenName: value.givenName,
          familyName: value.familyName,
          email: value.email,
          roles: value.roles,
          sendInvitation: true,
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const fields = ['givenName', 'familyName', 'email', 'roles'];
        return this.renderInvite(
          request,
          reply,
          organisation,
          values,
          apiFormErrors(error, (path) => fields.find((f) => f === path.split('.').pop()), 'email'),
          400,
        );
      }
      if (error instanceof ApiError && error.code === 'CONFLICT')
        return this.renderInvite(request, reply, organisation, values, formError('email', error.message), 409);
      throw error;
    }
    flash(
      request,
      `Invitation sent to ${value.email.toLowerCase()}: they choose their own password from the link in it`,
    );
    return reply.redirect(`/users?organisationId=${organisation.id}`, 303);
  }

  @Post(':userId/invitation')
  async resend(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: Record<string, string>,
  ) {
    const organisationId = String(body?.organisationId ?? '');
    try {
      const { resendInvitation } = await this.api.asUser<{ resendInvitation: { email: string } }>(request, RESEND, {
        input: { userId },
      });
      flash(
        request,
        `A new invitation is on its way to ${resendInvitation.email}. The link sent before no longer works.`,
      );
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT')) {
        return this.renderList(
          request,
          reply,
          organisationId,
          undefined,
          formError(`user-${userId}`, error.message),
          409,
        );
      }
      throw error;
    }
    return reply.redirect(`/users?organisationId=${encodeURIComponent(organisationId)}`, 303);
  }

  private async organisation(request: FastifyRequest, id: string): Promise<Organisation> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ApiError('Not found', 'NOT_FOUND');
    return (await this.api.asUser<{ organisation: Organisation }>(request, ORGANISATION, { id })).organisation;
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    organisationId: string,
    after?: string,
    errors?: FormErrors,
    status = 200,
  ) {
    // The users first: the api refuses (NOT_FOUND) an organisation the person does not manage.
    const { users } = await this.api.asUser<{ users: any }>(request, USERS, {
      org: organisationId,
      after: after || undefined,
    });
    const organisation = await this.organisation(request, organisationId);
    const user = signedInUser(request)!;
    const rows = users.edges.map(({ node }: { node: any }) => ({
      ...node,
      roleLabels: node.roles.map(roleLabel),
      status: accountStatus(node),
    }));
    return renderPage(
      request,
      reply,
      'users/index.njk',
      {
        organisation,
        rows,
        totalCount: users.totalCount,
        nextHref: users.pageInfo.hasNextPage
          ? `/users?organisationId=${organisation.id}&after=${encodeURIComponent(users.pageInfo.endCursor)}`
          : null,
        mayChangeDomains: isNationalAdmin(user),
        isNationalAdmin: isNationalAdmin(user),
        errors,
      },
      status,
    );
  }

  private async findOrganisation(request: FastifyRequest, reply: FastifyReply, q?: string) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const found = search
      ? (
          await this.api.asUser<{
            organisations: { totalCount: number; edges: { node: { id: string; name: string } }[] };
          }>(request, FIND, { filter: { nameContains: search } })
        ).organisations
      : null;
    return renderPage(request, reply, 'users/find-organisation.njk', {
      search,
      found: found?.edges.map((e) => e.node) ?? null,
      totalCount: found?.totalCount ?? 0,
    });
  }

  private renderInvite(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: Organisation,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) {
    const chosen = new Set(([] as unknown[]).concat(values.roles ?? []).map(String));
    return renderPage(
      request,
      reply,
      'users/invite.njk',
      {
        organisation,
        values,
        roleItems: organisation.staffRoles.map((role) => ({
          value: role,
          text: roleLabel(role),
          checked: chosen.has(role),
        })),
        errors,
      },
      status,
    );
  }
}

/** An organisation's email domains: national admins only (the api refuses anyone else). */
@Controller('organisations/:organisationId/email-domains')
export class OrganisationDomainsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
  ) {
    this.onlyNationalAdmins(request);
    const { organisation } = await this.api.asUser<{ organisation: Organisation }>(request, ORGANISATION, {
      id: organisationId,
    });
    return renderPage(request, reply, 'organisations/email-domains.njk', {
      organisation,
      values: { emailDomains: organisation.emailDomains.join('\n') },
    });
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: Record<string, string>,
  ) {
    this.onlyNationalAdmins(request);
    const { value } = validateForm(EmailDomainsForm, body);
    try {
      await this.api.asUser(request, SET_DOMAINS, {
        input: { organisationId, emailDomains: domainsFromText(value.emailDomains) },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const { organisation } = await this.api.asUser<{ organisation: Organisation }>(request, ORGANISATION, {
          id: organisationId,
        });
        const messages = Object.values(error.fieldErrors).flat();
        const errors = formError('emailDomains', messages.length ? messages.join('. ') : error.message);
        return renderPage(
          request,
          reply,
          'organisations/email-domains.njk',
          { organisation, values: { emailDomains: value.emailDomains ?? '' }, errors },
          400,
        );
      }
      throw error;
    }
    flash(request, 'Email domains saved');
    return reply.redirect(`/users?organisationId=${organisationId}`, 303);
  }

  /** Shown only to national admins; the api would refuse the change anyway. */
  private onlyNationalAdmins(request: FastifyRequest): void {
    const user = signedInUser(request);
    if (user && !isNationalAdmin(user)) throw new ApiError('You cannot do this', 'FORBIDDEN');
  }
}
