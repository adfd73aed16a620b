import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { renderPage } from '../http/page';

const STATUS = `{ deadlineEngineStatus {
  healthy problems checkedAt graceSeconds lateActions lastReconcileAt outboxUnpublished outboxLagSeconds
  late { milestoneId episodeId key dueDate action owedSince lateSeconds }
  workers { workerId startedAt seenAt lastReconcileAt lastReconcileMs lastReconcileMilestones lateActions queueStateOk current }
  queues { queue waiting delayed active failed }
  rebuilds { workerId reason startedAt finishedAt outcome error } } }`;

/**
 * The deadline engine as support sees it (national admins): whether every deadline action is being taken, and if not,
 * what is wrong, in words, with the workers, queues, late actions and rebuilds of Redis behind it. The api decides
 * who may see it; the page reloads itself every 30 seconds only where JavaScript runs (a plain page otherwise).
 */
@Controller('admin/deadline-engine')
export class EngineStatusController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { deadlineEngineStatus: status } = await this.api.asUser<{ deadlineEngineStatus: any }>(request, STATUS);
    return renderPage(request, reply, 'engine-status/index.njk', { status });
  }
}
