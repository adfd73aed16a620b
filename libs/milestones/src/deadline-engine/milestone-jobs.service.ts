import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { CustodyService } from '@resettle/custody';
import { Role, UsersService } from '@resettle/identity';
import { NotificationsService } from '@resettle/notifications';
import { OrganisationsService } from '@resettle/organisations';
import { PlanningService } from '@resettle/planning';
import { REDIS_CONNECTION } from '@resettle/queue';
import { Milestone } from '../entities/milestone.entity';
import { MilestoneStatus } from '../milestone-enums';
import { MilestonesService } from '../milestones.service';
import { EscalationRecipient, MilestonePolicy } from '../rules/milestone-policy';
import { MILESTONES_QUEUE, MilestoneJobData, plannedJobs } from './job-plan';
import { MilestoneEscalation } from './milestone-escalation.entity';

const OPEN = [MilestoneStatus.PENDING, MilestoneStatus.MISSED];

/** What a job found when it ran: done, nothing to do, or too early (woken before its moment by the fixed clock). */
export type JobOutcome = 'done' | 'stale' | { notBefore: Date };

/**
 * The deadline engine's worker side: keeps each milestone's delayed jobs in step with its row (PostgreSQL is the
 * truth, the queue is derived from it), and does what a reminder, due or escalation job says, idempotently.
 */
@Injectable()
export class MilestoneJobs {
  private readonly log = new Logger(MilestoneJobs.name);
  private readonly trackingPrefix: string;

  constructor(
    @InjectQueue(MILESTONES_QUEUE) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly milestones: MilestonesService,
    private readonly custody: CustodyService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationsService,
    private readonly planning: PlanningService,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.trackingPrefix = `${config.get('QUEUE_PREFIX', { infer: true })}:milestone-jobs`;
  }

  // ---------------------------------------------------------------- keeping the queue in step

  /**
   * Makes the queue hold exactly the jobs the milestone's row calls for: adds missing ones (their ids are
   * deterministic, so adding again is harmless), brings forward any whose moment has come, removes stale ones.
   */
  async sync(milestoneId: string, known?: { milestone: Milestone; policy: MilestonePolicy | null }): Promise<void> {
    const milestone = known ? known.milestone : await this.dataSource.getRepository(Milestone).findOneBy({ id: milestoneId });
    const policy = known ? known.policy : milestone ? await this.policyOf(milestone) : null;
    const desired = milestone && policy ? plannedJobs(milestone, policy[milestone.key]) : [];
    const trackingKey = `${this.trackingPrefix}:${milestoneId}`;
    const tracked = await this.redis.smembers(trackingKey);
    const desiredIds = new Set(desired.map((j) => j.jobId));
    for (const id of tracked.filter((k) => !desiredIds.has(k))) {
      const job = await this.queue.getJob(id);
      if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove();
    }
    const now = this.clock.now().getTime();
    for (const planned of desired) {
      const delay = Math.max(0, planned.runAt.getTime() - now);
      const existing = await this.queue.getJob(planned.jobId);
      if (!existing) {
        await this.queue.add(planned.name, planned.data, { jobId: planned.jobId, delay });
      } else if (delay === 0 && (await existing.isDelayed())) {
        // Its moment has come by the service's clock (a test moves it; a worker was down): run it now.
        await existing.promote();
      }
    }
    await this.redis.multi().del(trackingKey).sadd(trackingKey, ...(desiredIds.size ? [...desiredIds] : ['-'])).exec();
  }

  /**
   * Every open milestone's jobs checked against PostgreSQL; run at worker start and every few minutes. The rows,
   * their episodes' services and those services' policies are read once for the whole run, not per milestone.
   */
  async reconcile(): Promise<number> {
    const open = await this.dataSource.getRepository(Milestone).find({ where: { status: In(OPEN) } });
    const childIds = [...new Set(open.map((m) => m.childId))];
    const episodes = childIds.length ? (await this.custody.episodesOf(childIds)).flat() : [];
    const serviceOf = new Map(episodes.map((e) => [e.id, e.supervisingServiceId]));
    const serviceIds = [...new Set(serviceOf.values())];
    const policies = new Map((await this.milestones.effectivePolicies(serviceIds)).map((p, i) => [serviceIds[i], p.policy]));
    for (const milestone of open) {
      const service = serviceOf.get(milestone.episodeId);
      await this.sync(milestone.id, { milestone, policy: service ? (policies.get(service) ?? null) : null });
    }
    this.log.log(`Reconciled the jobs of ${open.length} open milestones`);
    return open.length;
  }

  /** The policy of the service supervising the milestone's episode (null once the episode is gone). */
  private async policyOf(milestone: Milestone): Promise<MilestonePolicy | null> {
    const episode = await this.custody.find(milestone.episodeId);
    return episode ? (await this.milestones.effectivePolicy(episode.supervisingServiceId)).policy : null;
  }

  // ---------------------------------------------------------------- what the jobs do

  async run(name: string, data: MilestoneJobData): Promise<JobOutcome> {
    const notBefore = new Date(data.runAt);
    if (this.clock.now() < notBefore) return { notBefore };
    const outcome = await this.dataSource.transaction(async (em) => {
      const milestone = await em.findOne(Milestone, { where: { id: data.milestoneId }, lock: { mode: 'pessimistic_write' } });
      // Moved, met or waived since the job was planned: the job is stale and does nothing.
      if (!milestone || milestone.dueDate !== data.dueDate) return 'stale' as const;
      if (name === 'reminder') return this.remind(em, milestone, data);
      if (name === 'due') return this.due(em, milestone);
      if (name === 'escalate') return this.escalate(em, milestone, data.level ?? 0, data.notify ?? []);
      return 'stale' as const;
    });
    // A status change plans the next jobs (the later escalation levels, or none once met).
    if (outcome === 'done') await this.sync(data.milestoneId);
    return outcome;
  }

  private async remind(em: EntityManager, milestone: Milestone, data: MilestoneJobData): Promise<'done' | 'stale'> {
    if (milestone.status !== MilestoneStatus.PENDING) return 'stale';
    const recipients = await this.recipients(em, milestone, ['OWNER']);
    await this.notifications.notifyMany(
      em,
      recipients.map((userId) => ({
        recipientUserId: userId,
        kind: 'MILESTONE_REMINDER',
        title: `${label(milestone)} is due on ${milestone.dueDate}`,
        body: `A deadline of a child you work with is coming up: ${label(milestone)} is due on ${milestone.dueDate}. Record what meets it in Resettle.`,
        link: `/episodes/${milestone.episodeId}/milestones`,
        childId: milestone.childId,
        dedupeKey: `milestone:${milestone.id}:${milestone.dueDate}:reminder:${data.reminder ?? 0}:${userId}`,
      })),
    );
    return 'done';
  }

  /** Unmet at its moment: MISSED, and the first level of the ladder. */
  private async due(em: EntityManager, milestone: Milestone): Promise<'done' | 'stale'> {
    if (milestone.status !== MilestoneStatus.PENDING) return 'stale';
    milestone.status = MilestoneStatus.MISSED;
    await em.save(milestone);
    return this.escalate(em, milestone, 1, ['OWNER']);
  }

  private async escalate(em: EntityManager, milestone: Milestone, level: number, notify: readonly EscalationRecipient[]): Promise<'done' | 'stale'> {
    if (milestone.status !== MilestoneStatus.MISSED || level < 1) return 'stale';
    // The row first: if it is already there, this level has been escalated and nobody is told twice.
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(MilestoneEscalation)
      .values({ milestoneId: milestone.id, level })
      .orIgnore()
      .returning(['level'])
      .execute();
    if (!inserted.raw.length) return 'stale';
    if (milestone.escalationLevel < level) {
      milestone.escalationLevel = level;
      await em.save(milestone);
    }
    const recipients = await this.recipients(em, milestone, notify);
    await this.notifications.notifyMany(
      em,
      recipients.map((userId) => ({
        recipientUserId: userId,
        kind: 'MILESTONE_ESCALATION',
        title: `Missed: ${label(milestone)} (level ${level})`,
        body: `${label(milestone)} was due on ${milestone.dueDate} and has not been met. This is escalation level ${level}. Record what meets it, or a manager may waive it with a reason.`,
        link: `/episodes/${milestone.episodeId}/milestones`,
        childId: milestone.childId,
        dedupeKey: `milestone:${milestone.id}:escalation:${level}:${userId}`,
      })),
    );
    return 'done';
  }

  /**
   * The people a level reaches. OWNER: the child's case manager (or, with none allocated, the service's managers);
   * OWNER_MANAGER: the supervising service's managers; HEAD_OF_SERVICE: the service's named lead
   * (`organisation.lead_user_id`), else its managers; PARTNER_LEAD: the named lead of each organisation responsible
   * for one of the milestone's partner pathways (read through PlanningService), when it is not the service itself.
   */
  private async recipients(em: EntityManager, milestone: Milestone, notify: readonly EscalationRecipient[]): Promise<string[]> {
    const episode = await this.custody.find(milestone.episodeId);
    if (!episode) return [];
    const managers = async () => (await this.users.activeWithRole(episode.supervisingServiceId, Role.YJS_MANAGER)).map((u) => u.id);
    const leadOf = async (organisationIds: string[]) =>
      (await this.organisations.findByIds(organisationIds)).map((o) => o?.leadUserId ?? null).filter((id): id is string => !!id);
    const ids = new Set<string>();
    for (const who of notify) {
      if (who === 'OWNER') {
        if (episode.caseManagerId) ids.add(episode.caseManagerId);
        else (await managers()).forEach((id) => ids.add(id));
      }
      if (who === 'OWNER_MANAGER') (await managers()).forEach((id) => ids.add(id));
      if (who === 'HEAD_OF_SERVICE') {
        const [head] = await leadOf([episode.supervisingServiceId]);
        if (head && (await this.isActive(head))) ids.add(head);
        else (await managers()).forEach((id) => ids.add(id));
      }
      if (who === 'PARTNER_LEAD') {
        const { policy } = await this.milestones.effectivePolicy(episode.supervisingServiceId);
        const partnerTypes = new Set<string>(policy[milestone.key]?.partnerPathways ?? []);
        const facts = partnerTypes.size ? await this.planning.milestoneFacts(em, { episodeId: milestone.episodeId }) : null;
        const partners = [
          ...new Set(
            (facts?.pathways ?? [])
              .filter((p) => partnerTypes.has(p.type) && p.responsibleOrganisationId && p.responsibleOrganisationId !== episode.supervisingServiceId)
              .map((p) => p.responsibleOrganisationId as string),
          ),
        ];
        for (const lead of await leadOf(partners)) if (await this.isActive(lead)) ids.add(lead);
      }
    }
    return [...ids];
  }

  private async isActive(userId: string): Promise<boolean> {
    const [user] = await this.users.findByIds([userId]);
    return !!user && !user.disabled;
  }
}

function label(milestone: Milestone): string {
  const words = milestone.key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
