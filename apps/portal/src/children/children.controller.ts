import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Capability, mayPerform, Role } from '@resettle/access';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { dateFromParts, dateProblem } from '../forms/date-input';
import { apiFormErrors, formError, FormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { signedInUser } from '../session/portal-session';

const FIND_CHILDREN = `query($filter: ChildrenFilter!, $first: Int, $after: String) {
  children(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id givenName familyName preferredName dateOfBirth age
      currentEpisode { id status expectedReleaseDate currentEstablishment { name } supervisingService { name } } } } } }`;

const PAGE_SIZE = 25;

/** The api's input paths, as this form's fields (its refusal is shown against what was typed). */
const FIELD_OF: Record<string, string> = {
  'filter.nameContains': 'name',
  'filter.dateOfBirth': 'dobDay',
  'filter.reference': 'reference',
};

interface FoundChild {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  age: number;
  currentEpisode: {
    id: string;
    status: string;
    expectedReleaseDate: string | null;
    currentEstablishment: { name: string } | null;
    supervisingService: { name: string } | null;
  } | null;
}

/**
 * Find a child: by part of their name (accents and case ignored), date of birth or their reference in this service.
 * A GET form, so it works without JavaScript and a search can be bookmarked; the api returns only children the person
 * may see, and records each one shown as read.
 */
@Controller('children')
export class ChildrenController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async find(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const values = {
      name: (query.name ?? '').trim().slice(0, 100),
      dobDay: query.dobDay ?? '',
      dobMonth: query.dobMonth ?? '',
      dobYear: query.dobYear ?? '',
      reference: (query.reference ?? '').trim().slice(0, 100),
    };
    const typedDate = [values.dobDay, values.dobMonth, values.dobYear].some((v) => v.trim());
    const searched = Boolean(values.name || values.reference || typedDate);
    if (!searched)
      return renderPage(request, reply, 'children/find.njk', { values, mayRegister: mayRegister(request) });

    const problem = typedDate ? dateProblem('date of birth', values.dobDay, values.dobMonth, values.dobYear) : null;
    if (problem) return this.render(request, reply, values, formError('dobDay', problem));
    const filter = {
      nameContains: values.name || undefined,
      dateOfBirth: typedDate ? dateFromParts(values.dobDay, values.dobMonth, values.dobYear) : undefined,
      reference: values.reference || undefined,
    };
    try {
      const { children } = await this.api.asUser<{
        children: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: FoundChild }[];
        };
      }>(request, FIND_CHILDREN, { filter, first: PAGE_SIZE, after: query.after || undefined });
      const pageHref = (after?: string) => {
        const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
        if (after) params.set('after', after);
        return `/children?${params.toString()}`;
      };
      return renderPage(request, reply, 'children/find.njk', {
        values,
        mayRegister: mayRegister(request),
        searched: true,
        totalCount: children.totalCount,
        rows: children.edges.map(({ node }) => node),
        nextHref: children.pageInfo.hasNextPage ? pageHref(children.pageInfo.endCursor!) : null,
        firstHref: query.after ? pageHref() : null,
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        return this.render(
          request,
          reply,
          values,
          apiFormErrors(error, (path) => FIELD_OF[path], 'name'),
        );
      }
      throw error;
    }
  }

  private render(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FormErrors) {
    return renderPage(request, reply, 'children/find.njk', { values, errors, mayRegister: mayRegister(request) }, 400);
  }
}

/** Youth justice services register children and start their custody (the links are shown to them only). */
function mayRegister(request: FastifyRequest): boolean {
  const user = signedInUser(request);
  return !!user && mayPerform({ roles: user.roles as Role[] }, Capability.REGISTER_CHILD);
}
