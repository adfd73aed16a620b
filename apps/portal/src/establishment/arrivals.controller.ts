import { Controller, ForbiddenException, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays, Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { mayViewArrivals, renderPage } from '../http/page';
import { signedInUser } from '../session/portal-session';

const ARRIVALS = `query($filter: CaseloadFilter, $after: String) {
  caseload(first: 100, after: $after, filter: $filter, orderBy: CHILD_NAME) {
    pageInfo { hasNextPage endCursor }
    edges { node { id status remandDate
      child { givenName familyName preferredName }
      supervisingService { name }
      transfers { fromEstablishmentId toEstablishmentId transferDate reason }
      history { type details } } } } }`;

/** How far back the arrivals page looks. */
const ARRIVALS_DAYS = 28;

interface Node {
  id: string;
  status: string;
  remandDate: string | null;
  child: { givenName: string; familyName: string; preferredName: string | null };
  supervisingService: { name: string };
  transfers: { fromEstablishmentId: string | null; toEstablishmentId: string; transferDate: string; reason: string }[];
  history: { type: string; details: Record<string, unknown> }[];
}

/**
 * Arrivals, for the staff of a secure establishment: the children it received in the last four weeks, newest first,
 * on remand, on sentence, by transfer from another establishment or on recall; from which court, and the youth
 * justice service supervising them. Read from the api's caseload of the establishment (the api decides who sees whom).
 */
@Controller('arrivals')
export class ArrivalsController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async arrivals(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const user = signedInUser(request);
    if (!user || !mayViewArrivals(user)) {
      throw new ForbiddenException('Arrivals are for the staff of a secure establishment');
    }
    const since = addDays(this.clock.today(), -ARRIVALS_DAYS);
    const nodes: Node[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { caseload } = await this.api.asUser<{
        caseload: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
      }>(request, ARRIVALS, { filter: { establishmentId: user.organisationId }, after });
      nodes.push(...caseload.edges.map((e) => e.node));
      if (!caseload.pageInfo.hasNextPage || !caseload.pageInfo.endCursor) break;
      after = caseload.pageInfo.endCursor;
    }
    const rows = nodes
      .map((n) => {
        const arrival = n.transfers
          .filter((t) => t.toEstablishmentId === user.organisationId)
          .sort((a, b) => b.transferDate.localeCompare(a.transferDate))[0];
        if (!arrival || arrival.transferDate < since) return null;
        const court = n.history.find((e) => e.type === 'EPISODE_STARTED')?.details.court;
        const how = arrival.reason.startsWith('Recall:')
          ? 'On recall'
          : arrival.fromEstablishmentId
            ? `By transfer: ${arrival.reason}`
            : n.remandDate
              ? 'On remand'
              : 'On sentence';
        return {
          id: n.id,
          name: `${n.child.preferredName || n.child.givenName} ${n.child.familyName}`,
          on: arrival.transferDate,
          how,
          court: !arrival.fromEstablishmentId && typeof court === 'string' ? court : '',
          service: n.supervisingService.name,
        };
      })
      .filter((r) => r !== null)
      .sort((a, b) => b.on.localeCompare(a.on) || a.name.localeCompare(b.name));
    return renderPage(request, reply, 'establishment/arrivals.njk', { rows, days: ARRIVALS_DAYS });
  }
}
