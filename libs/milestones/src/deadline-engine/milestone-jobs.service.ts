import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
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
/** Milestones read and synced per step of the reconciler. */
const RECONCILE_PAGE = 2000;
/** Pages being synced at once: Redis runs one page's scripts while the next page is read and planned. */
const RECONCILE_PAGES_IN_FLIGHT = 2;
/** Jobs per `addBulk` call (one pipeline each). */
const ADD_BULK = 1000;

/** The reply to command `i` of a pipeline, throwing its error if it failed. */
function resultOf<T>(results: [Error | null, unknown][] | null, i: number): T | undefined {
  const [error, value] = results?.[i] ?? [null, undefined];
  if (error) throw error;
  return value as T;
}

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
    await this.syncMany([{ milestoneId, milestone, policy }]);
  }

  /**
   * `sync` for many milestones at once, in a fixed number of Redis round trips whatever their number: one pipeline
   * reads every tracking set, one asks which planned jobs exist, `addBulk` adds the missing ones (it runs BullMQ's
   * own add script for each job, so an id already present is still not added twice), and one transaction rewrites
   * the tracking sets. Stale jobs (a date moved, a milestone met) and due jobs to bring forward are rare and are
   * handled job by job, concurrently.
   */
  async syncMany(items: { milestoneId: string; milestone: Milestone | null; policy: MilestonePolicy | null }[]): Promise<void> {
    if (!items.length) return;
    const now = this.clock.now().getTime();
    const plans = items.map(({ milestoneId, milestone, policy }) => ({
      trackingKey: `${this.trackingPrefix}:${milestoneId}`,
      desired: milestone && policy ? plannedJobs(milestone, policy[milestone.key]) : [],
    }));
    const tracked = await this.redis.pipeline(plans.map((p) => ['smembers', p.trackingKey])).exec();
    const stale = plans.flatMap((p, i) => {
      const desiredIds = new Set(p.desired.map((j) => j.jobId));
      return (resultOf<string[]>(tracked, i) ?? []).filter((id) => id !== '-' && !desiredIds.has(id));
    });
    await Promise.all(
      stale.map(async (id) => {
        const job = await this.queue.getJob(id);
        if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove();
      }),
    );
    const desired = plans.flatMap((p) => p.desired);
    const exists = desired.length ? await this.redis.pipeline(desired.map((j) => ['exists', this.queue.toKey(j.jobId)])).exec() : [];
    const missing = desired.filter((_, i) => !resultOf<number>(exists, i));
    for (let i = 0; i < missing.length; i += ADD_BULK) {
      await this.queue.addBulk(
        missing.slice(i, i + ADD_BULK).map((planned) => ({
          name: planned.name,
          data: planned.data,
          opts: { jobId: planned.jobId, delay: Math.max(0, planned.runAt.getTime() - now) },
        })),
      );
    }
    // Its moment has come by the service's clock (a test moves it; a worker was down): run it now.
    const dueNow = desired.filter((j, i) => resultOf<number>(exists, i) && j.runAt.getTime() <= now);
    await Promise.all(
      dueNow.map(async (planned) => {
        const existing = await this.queue.getJob(planned.jobId);
        if (existing && (await existing.isDelayed())) await existing.promote();
      }),
    );
    const multi = this.redis.multi();
    for (const p of plans) {
      multi.del(p.trackingKey).sadd(p.trackingKey, ...(p.desired.length ? p.desired.map((j) => j.jobId) : ['-']));
    }
    await multi.exec();
  }

  /**
   * Every open milestone's jobs checked against PostgreSQL; run at worker start and every few minutes. Read a page
   * of milestones at a time (keyset on id, so memory stays flat at a million milestones), with their episodes'
   * services; the services' policies are read once for the run. Each page is synced with `syncMany`.
   */
  async reconcile(): Promise<number> {
    const policies = new Map<string, MilestonePolicy>();
    let lastId = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    // Pages are disjoint, so the next page is read from PostgreSQL while Redis works through the one before.
    const inFlight: Promise<void>[] = [];
    for (;;) {
      const open = await this.dataSource
        .getRepository(Milestone)
        .createQueryBuilder('m')
        .where('m.status IN (:...open)', { open: OPEN })
        .andWhere('m.id > :lastId', { lastId })
        .orderBy('m.id', 'ASC')
        .limit(RECONCILE_PAGE)
        .getMany();
      if (!open.length) break;
      lastId = open[open.length - 1].id;
      total += open.length;
      const childIds = [...new Set(open.map((m) => m.childId))];
      const episodes = (await this.custody.episodesOf(childIds)).flat();
      const serviceOf = new Map(episodes.map((e) => [e.id, e.supervisingServiceId]));
      const unknown = [...new Set(serviceOf.values())].filter((id) => !policies.has(id));
      if (unknown.length) (await this.milestones.effectivePolicies(unknown)).forEach((p, i) => policies.set(unknown[i], p.policy));
      const synced = this.syncMany(
        open.map((milestone) => {
          const service = serviceOf.get(milestone.episodeId);
          return { milestoneId: milestone.id, milestone, policy: service ? (policies.get(service) ?? null) : null };
        }),
      );
      // Marked handled now, awaited below: a failure still fails the run.
      synced.catch(() => undefined);
      inFlight.push(synced);
      if (inFlight.length >= RECONCILE_PAGES_IN_FLIGHT) await inFlight.shift();
    }
    for (const synced of inFlight) await synced;
    this.log.log(`Reconciled the jobs of ${total} open milestones`);
    return total;
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
