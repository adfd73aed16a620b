import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@resettle/common';
import { CustodyService } from '@resettle/custody';
import { Role, UsersService } from '@resettle/identity';
import { NotificationRequest, NotificationsService } from '@resettle/notifications';
import { OrganisationsService } from '@resettle/organisations';
import { PlanningService } from '@resettle/planning';
import { MilestoneKey, MilestoneStatus } from '../milestone-enums';
import { MilestonesService } from '../milestones.service';
import { milestoneNoticeKey } from '../rules/milestone-notices';
import { EscalationRecipient, MilestonePolicy } from '../rules/milestone-policy';
import { recipientsOf } from './escalation-recipients';
import { escalationsDue, MilestoneJobData } from './job-plan';
import { MilestoneQueueSync } from './milestone-queue-sync';
import { MilestoneRow, policiesOf, SELECT_MILESTONE } from './milestone-row';

/** Reminder, due and escalation jobs done in one transaction, at most. */
const RUN_BATCH = 500;

/** What a job found when it ran: done, nothing to do, or too early (woken before its moment by the fixed clock). */
export type JobOutcome = 'done' | 'stale' | { notBefore: Date };

/** A reminder, due or escalation job waiting for the next batch. */
interface PendingRun {
  name: string;
  data: MilestoneJobData;
  resolve: (outcome: JobOutcome) => void;
  reject: (error: unknown) => void;
}

/** What a run decided to tell people about one milestone. */
interface Notice {
  milestone: MilestoneRow;
  notify: readonly EscalationRecipient[];
  reminder?: number;
  level?: number;
}

/**
 * Does what a reminder, due or escalation job says, idempotently. Jobs that run are done in batches: every job BullMQ
 * hands the worker while a batch is running joins the next one, and a batch is one transaction (so one worker does
 * hundreds of escalations a second instead of tens), each job still completing or failing on its own.
 */
@Injectable()
export class MilestoneJobRunner {
  private pendingRuns: PendingRun[] = [];
  private flushing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queueSync: MilestoneQueueSync,
    private readonly milestones: MilestonesService,
    private readonly custody: CustodyService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationsService,
    private readonly planning: PlanningService,
    private readonly clock: Clock,
  ) {}

  /**
   * Does what a reminder, due or escalation job says, once its moment has come: in the next batch (see the class
   * comment). A job for an old due date, or for a milestone met or waived since, is stale and does nothing.
   */
  run(name: string, data: MilestoneJobData): Promise<JobOutcome> {
    const notBefore = new Date(data.runAt);
    if (this.clock.now() < notBefore) return Promise.resolve({ notBefore });
    return new Promise<JobOutcome>((resolve, reject) => {
      this.pendingRuns.push({ name, data, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // On the next turn, so the jobs BullMQ hands over together go together.
        setImmediate(() => void this.flushRuns());
      }
    });
  }

  /** One batch at a time; whatever arrives meanwhile is the next batch. */
  private async flushRuns(): Promise<void> {
    try {
      while (this.pendingRuns.length) {
        const batch = this.pendingRuns.splice(0, RUN_BATCH);
        try {
          const outcomes = await this.runBatch(batch);
          batch.forEach((p, i) => settle(p, outcomes[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One bad job must not fail the others: each alone, so only it fails (and BullMQ retries it).
          for (const p of batch) {
            try {
              settle(p, (await this.runBatch([p]))[0]);
            } catch (alone) {
              p.reject(alone);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A batch of jobs in one transaction: the milestones locked (in id order, so two workers' batches cannot
   * deadlock), what each job does decided in job order, then one update of the milestones, one insert of the
   * escalation rows (the primary key (milestone, level) is what makes an escalation happen once), the recipients
   * read in a handful of queries, and one insert of the notifications (deduplicated by key). After the commit the
   * milestones that changed have their next jobs planned.
   */
  private async runBatch(batch: readonly Pick<PendingRun, 'name' | 'data'>[]): Promise<(JobOutcome | Error)[]> {
    const { outcomes, changed, policies } = await this.dataSource.transaction(async (em) => {
      const ids = [...new Set(batch.map((b) => b.data.milestoneId))].sort();
      // SKIP LOCKED: a batch never waits for a row a change in the api holds (so the two cannot deadlock); that
      // row's jobs fail this time and BullMQ retries them after its backoff.
      const rows: MilestoneRow[] = await em.query(
        `${SELECT_MILESTONE} WHERE m.id = ANY($1::uuid[]) ORDER BY m.id FOR UPDATE OF m SKIP LOCKED`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const notLocked = ids.filter((id) => !byId.has(id));
      const busy = new Set<string>(
        notLocked.length
          ? (await em.query(`SELECT id FROM milestone WHERE id = ANY($1::uuid[])`, [notLocked])).map(
              (r: { id: string }) => r.id,
            )
          : [],
      );
      // Levels reached for each milestone's current due date (a milestone re-opened with a new date climbs again).
      const escalatedRows: { milestone_id: string; level: number }[] = rows.length
        ? await em.query(
            `SELECT e.milestone_id, e.level FROM milestone_escalation e JOIN milestone m ON m.id = e.milestone_id AND m.due_date = e.due_date
              WHERE e.milestone_id = ANY($1::uuid[])`,
            [rows.map((r) => r.id)],
          )
        : [];
      const escalated = new Set(escalatedRows.map((r) => `${r.milestone_id}:${r.level}`));
      const policies = await policiesOf(
        this.milestones,
        rows.map((r) => r.serviceId),
        em,
      );
      const now = this.clock.now();
      const notices: Notice[] = [];
      const newEscalations: { milestoneId: string; dueDate: string; level: number }[] = [];
      const changedIds = new Set<string>();
      const remindedIds = new Set<string>();
      const outcomes = batch.map(({ name, data }): JobOutcome | Error => {
        if (busy.has(data.milestoneId))
          return new Error(`Milestone ${data.milestoneId} is being changed; the job will be retried`);
        const milestone = byId.get(data.milestoneId);
        // Moved, met or waived since the job was planned: the job is stale and does nothing.
        if (!milestone || milestone.dueDate !== data.dueDate) return 'stale';
        if (name === 'reminder') {
          const reminder = data.reminder ?? 0;
          // Sent already (the job delivered again, or planned again after a fault): nobody is reminded twice.
          if (milestone.status !== MilestoneStatus.PENDING || (milestone.remindersSent ?? 0) >= reminder)
            return 'stale';
          milestone.remindersSent = reminder;
          remindedIds.add(milestone.id);
          notices.push({ milestone, notify: ['OWNER'], reminder });
          return 'done';
        }
        let level = data.level ?? 0;
        let notify: readonly EscalationRecipient[] = data.notify ?? [];
        if (name === 'due') {
          // Unmet at its moment: MISSED, and the first level of the ladder.
          if (milestone.status !== MilestoneStatus.PENDING) return 'stale';
          milestone.status = MilestoneStatus.MISSED;
          changedIds.add(milestone.id);
          level = 1;
          notify = ['OWNER'];
        } else if (name !== 'escalate') return 'stale';
        if (milestone.status !== MilestoneStatus.MISSED || level < 1) return 'stale';
        const escalate = (at: number, who: readonly EscalationRecipient[]): boolean => {
          // Already escalated to this level: nobody is told twice.
          if (escalated.has(`${milestone.id}:${at}`)) return false;
          escalated.add(`${milestone.id}:${at}`);
          newEscalations.push({ milestoneId: milestone.id, dueDate: milestone.dueDate!, level: at });
          if (milestone.escalationLevel < at) {
            milestone.escalationLevel = at;
            changedIds.add(milestone.id);
          }
          notices.push({ milestone, notify: who, level: at });
          return true;
        };
        if (!escalate(level, notify)) return name === 'due' ? 'done' : 'stale';
        // Late (a worker was down, the milestone was overdue when made): every later step already due, now.
        const entry = policies.get(milestone.serviceId)?.[milestone.key as MilestoneKey];
        if (entry) for (const step of escalationsDue(milestone, entry, now)) escalate(step.level, step.notify);
        return 'done';
      });
      const changed = [...changedIds].map((id) => byId.get(id)!);
      if (changed.length) {
        await em.query(
          `UPDATE milestone m SET status = v.status::milestone_status, escalation_level = v.level, version = m.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::int[]) AS v(id, status, level) WHERE m.id = v.id`,
          [changed.map((m) => m.id), changed.map((m) => m.status), changed.map((m) => m.escalationLevel)],
        );
      }
      if (remindedIds.size) {
        // A fact the engine keeps, not a change anyone made: the version is left alone, so nobody's edit is refused.
        const reminded = [...remindedIds].map((id) => byId.get(id)!);
        await em.query(
          `UPDATE milestone m SET reminders_sent = v.sent, reminders_sent_for = m.due_date FROM unnest($1::uuid[], $2::int[]) AS v(id, sent) WHERE m.id = v.id`,
          [reminded.map((m) => m.id), reminded.map((m) => m.remindersSent ?? 0)],
        );
      }
      if (newEscalations.length) {
        await em.query(
          `INSERT INTO milestone_escalation (milestone_id, due_date, level) SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[]) ON CONFLICT DO NOTHING`,
          [
            newEscalations.map((e) => e.milestoneId),
            newEscalations.map((e) => e.dueDate),
            newEscalations.map((e) => e.level),
          ],
        );
      }
      await this.notifications.notifyMany(em, await this.noticesToRequests(em, notices, policies));
      return { outcomes, changed, policies };
    });
    // A status change plans the next jobs (the later escalation levels, or none once met).
    await this.queueSync.syncMany(
      changed.map((milestone) => ({
        milestoneId: milestone.id,
        milestone,
        policy: policies.get(milestone.serviceId) ?? null,
      })),
    );
    return outcomes;
  }

  /**
   * The notifications of a batch's notices, with everyone the ladder names resolved in a few queries for the whole
   * batch (`recipientsOf` says who is who). PARTNER_LEAD: the named lead of each organisation responsible for one of
   * the milestone's partner pathways, when it is not the service itself.
   */
  private async noticesToRequests(
    em: EntityManager,
    notices: readonly Notice[],
    policies: Map<string, MilestonePolicy>,
  ): Promise<NotificationRequest[]> {
    if (!notices.length) return [];
    const named = (who: EscalationRecipient) => notices.some((n) => n.notify.includes(who));
    const episodeIds = [...new Set(notices.map((n) => n.milestone.episodeId))];
    const supervision = await this.custody.supervisionOf(em, episodeIds);
    const serviceIds = [...new Set([...supervision.values()].map((s) => s.supervisingServiceId))];
    const managers = await this.users.activeWithRoleIn(em, serviceIds, Role.YJS_MANAGER);
    const pathways = named('PARTNER_LEAD') ? await this.planning.pathwaysOfEpisodes(em, episodeIds) : new Map();
    const partnersOf = (n: Notice, serviceId: string): string[] => {
      const partnerTypes = new Set<string>(
        policies.get(n.milestone.serviceId)?.[n.milestone.key as MilestoneKey]?.partnerPathways ?? [],
      );
      const list: { type: string; responsibleOrganisationId: string | null }[] =
        pathways.get(n.milestone.episodeId) ?? [];
      return list
        .filter(
          (p) => partnerTypes.has(p.type) && p.responsibleOrganisationId && p.responsibleOrganisationId !== serviceId,
        )
        .map((p) => p.responsibleOrganisationId as string);
    };
    const partnerIds = named('PARTNER_LEAD')
      ? notices
          .filter((n) => n.notify.includes('PARTNER_LEAD'))
          .flatMap((n) => partnersOf(n, supervision.get(n.milestone.episodeId)?.supervisingServiceId ?? ''))
      : [];
    const leads =
      named('HEAD_OF_SERVICE') || partnerIds.length
        ? await this.organisations.leadsOf(em, [...new Set([...serviceIds, ...partnerIds])])
        : new Map<string, string>();
    const enabled = await this.users.enabledIds(em, [...new Set(leads.values())]);
    const activeLead = (organisationId: string) => {
      const lead = leads.get(organisationId);
      return lead && enabled.has(lead) ? lead : null;
    };
    return notices.flatMap((n) => {
      const episode = supervision.get(n.milestone.episodeId);
      if (!episode) return [];
      const m = n.milestone;
      const recipients = recipientsOf(n.notify, {
        caseManagerId: episode.caseManagerId,
        managerIds: managers.get(episode.supervisingServiceId) ?? [],
        headOfServiceId: activeLead(episode.supervisingServiceId),
        partnerLeadIds: n.notify.includes('PARTNER_LEAD')
          ? [...new Set(partnersOf(n, episode.supervisingServiceId))].map(activeLead).filter((id): id is string => !!id)
          : [],
      });
      return recipients.map((userId): NotificationRequest =>
        n.level === undefined
          ? {
              recipientUserId: userId,
              kind: 'MILESTONE_REMINDER',
              title: `${label(m.key)} is due on ${m.dueDate}`,
              body: `A deadline of a child you work with is coming up: ${label(m.key)} is due on ${m.dueDate}. Record what meets it in Resettle.`,
              link: `/episodes/${m.episodeId}/milestones`,
              childId: m.childId,
              dedupeKey: milestoneNoticeKey({
                milestoneId: m.id,
                dueDate: m.dueDate!,
                kind: 'REMINDER',
                step: n.reminder ?? 0,
                recipientUserId: userId,
              }),
            }
          : {
              recipientUserId: userId,
              kind: 'MILESTONE_ESCALATION',
              title: `Missed: ${label(m.key)} (level ${n.level})`,
              body: `${label(m.key)} was due on ${m.dueDate} and has not been met. This is escalation level ${n.level}. Record what meets it, or a manager may waive it with a reason.`,
              link: `/episodes/${m.episodeId}/milestones`,
              childId: m.childId,
              dedupeKey: milestoneNoticeKey({
                milestoneId: m.id,
                dueDate: m.dueDate!,
                kind: 'ESCALATION',
                step: n.level,
                recipientUserId: userId,
              }),
            },
      );
    });
  }
}

function settle(run: Pick<PendingRun, 'resolve' | 'reject'>, outcome: JobOutcome | Error): void {
  if (outcome instanceof Error) run.reject(outcome);
  else run.resolve(outcome);
}

function label(key: string): string {
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
