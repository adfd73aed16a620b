import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@resettle/access';
import { AuditService } from '@resettle/audit';
import { ChildrenService } from '@resettle/children';
import { BadUserInputError, Clock, ConflictError, longDate } from '@resettle/common';
import { londonDaySql } from '@resettle/database';
import { Role, UsersService } from '@resettle/identity';
import { FEWER_THAN_5, suppressSmallNumbers } from '@resettle/milestones';
import { NotificationRequest, NotificationsService } from '@resettle/notifications';
import { OrganisationsService } from '@resettle/organisations';
import { ReferralStatus, ReferralType } from '../referral-enums';
import { initialsOf } from '../rules/referral-notices';
import {
  DEFAULT_RESPONSE_TARGETS,
  medianAndP90,
  ResponseDue,
  responseDue,
  ResponseNoticeKind,
  ResponseStep,
  ResponseTargets,
  stepOf,
  workingDaysTaken,
} from '../rules/response-due';

/** The statuses in which a council owes an answer (`stepOf`). */
const WAITING_ON_COUNCIL = [ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.OFFERED];

/** What each step asks the council to do, in a notice. */
const STEP_WORDS: Record<ResponseStep, { done: string; noun: string }> = {
  [ResponseStep.ACKNOWLEDGE]: { done: 'acknowledged', noun: 'acknowledgement' },
  [ResponseStep.ANSWER]: { done: 'answered', noun: 'answer to the information sent' },
  [ResponseStep.OFFER]: { done: 'given an offer', noun: 'offer' },
  [ResponseStep.CONFIRM]: { done: 'confirmed', noun: 'confirmation' },
};

/** A referral as the response clock reads it: its status and how it came into it. */
interface ClockRow {
  id: string;
  type: ReferralType;
  status: ReferralStatus;
  child_id: string;
  to_organisation_id: string;
  from_service_id: string;
  summary: { givenName?: string; familyName?: string } | null;
  entered_from: ReferralStatus | null;
  entered_at: Date;
}

/** One step answered, as the measures read it. */
interface TimeRow {
  organisation_id: string;
  step: ResponseStep;
  working_days: number;
}

export interface ResponseRun {
  reminders: number;
  escalations: number;
}

/**
 * Partners' response times (issues 22 and 23). Councils' on accommodation referrals: the targets (national defaults,
 * a council's own), each referral's step due (`responseDue`, pure), the time each step took, recorded when the
 * council answers, and the scheduler's run, which sends each reminder and escalation once (a `referral_response_notice`
 * row first, in the transaction of its notifications). Providers' on education and health referrals: the time each
 * step took, only (they have no targets, so no reminders nor escalations). PostgreSQL is the truth: a run works out
 * everything from the rows.
 */
@Injectable()
export class ReferralResponseTimes {
  private readonly log = new Logger('ReferralResponseTimes');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly children: ChildrenService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Each council's targets: the national defaults, overridden step by step by its own. */
  async targetsOf(organisationIds: readonly string[], em: EntityManager = this.dataSource.manager) {
    const rows: { organisation_id: string | null; step: ResponseStep; working_days: number }[] = await em.query(
      `SELECT organisation_id, step, working_days FROM referral_response_target
        WHERE organisation_id IS NULL OR organisation_id = ANY($1::uuid[])`,
      [[...new Set(organisationIds)]],
    );
    const national: ResponseTargets = { ...DEFAULT_RESPONSE_TARGETS };
    for (const r of rows) if (r.organisation_id === null) national[r.step] = r.working_days;
    const out = new Map<string, ResponseTargets & { own: ResponseStep[] }>();
    for (const id of organisationIds) out.set(id, { ...national, own: [] });
    for (const r of rows) {
      const targets = r.organisation_id ? out.get(r.organisation_id) : undefined;
      if (targets) {
        targets[r.step] = r.working_days;
        targets.own.push(r.step);
      }
    }
    return out;
  }

  /**
   * A council's targets step by step (null: the national defaults), saying which are its own and what the national
   * default is, with the version of the council's targets as a whole.
   */
  async targetsView(councilId: string | null, em: EntityManager = this.dataSource.manager) {
    const national = await this.nationalTargets(em);
    const targets = councilId ? (await this.targetsOf([councilId], em)).get(councilId)! : { ...national, own: [] };
    const version = await this.versionOf(em, councilId);
    return Object.values(ResponseStep).map((step) => ({
      step,
      workingDays: targets[step],
      ownTarget: councilId ? targets.own.includes(step) : true,
      nationalWorkingDays: national[step],
      version,
    }));
  }

  /**
   * Sets some of a council's targets (or, with no council, the national defaults) against the version the caller
   * loaded, with one audit row holding before and after, in one transaction. A step given no figure (null) uses the
   * national default: the council's own figure for it is removed, so a later change of the default applies. A stale
   * version is CONFLICT, with the targets as they are now, and nothing is written; a save that changes nothing
   * leaves the version as it is. The caller's right to do so is the resolver's decision.
   */
  async setTargets(
    councilId: string | null,
    targets: readonly { step: ResponseStep; workingDays?: number | null }[],
    expectedVersion: number,
    caller: Caller,
  ) {
    const missing = targets.findIndex((t) => t.workingDays == null);
    if (!councilId && missing >= 0)
      throw BadUserInputError.forField(
        `targets.${missing}.workingDays`,
        'Enter the national default as a whole number of working days',
      );
    return this.dataSource.transaction(async (em) => {
      const current = await this.lockVersion(em, councilId);
      const before = await this.targetsView(councilId, em);
      if (current !== expectedVersion) {
        throw new ConflictError(
          `Someone else changed these response targets since you loaded them (you had version ${expectedVersion}, they are now at version ${current}). Nothing was saved.`,
          { expectedVersion, currentVersion: current, current: before },
        );
      }
      for (const { step, workingDays } of targets) {
        if (workingDays == null) {
          await em.query(`DELETE FROM referral_response_target WHERE organisation_id = $1 AND step = $2`, [
            councilId,
            step,
          ]);
          continue;
        }
        await em.query(
          councilId
            ? `INSERT INTO referral_response_target (organisation_id, step, working_days, updated_by_id, updated_at)
               VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (organisation_id, step) WHERE organisation_id IS NOT NULL
               DO UPDATE SET working_days = EXCLUDED.working_days, updated_by_id = EXCLUDED.updated_by_id, updated_at = EXCLUDED.updated_at`
            : `INSERT INTO referral_response_target (organisation_id, step, working_days, updated_by_id, updated_at)
               VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (step) WHERE organisation_id IS NULL
               DO UPDATE SET working_days = EXCLUDED.working_days, updated_by_id = EXCLUDED.updated_by_id, updated_at = EXCLUDED.updated_at`,
          [councilId, step, workingDays, caller.actor.userId, this.clock.now()],
        );
      }
      const changed = await this.targetsView(councilId, em);
      const same = (a: typeof before, b: typeof before) =>
        a.every((x, i) => x.workingDays === b[i].workingDays && x.ownTarget === b[i].ownTarget);
      if (same(before, changed)) return before;
      await em.query(
        `UPDATE referral_response_target_version SET version = version + 1, updated_by_id = $2, updated_at = $3
          WHERE organisation_id IS NOT DISTINCT FROM $1`,
        [councilId, caller.actor.userId, this.clock.now()],
      );
      const after = await this.targetsView(councilId, em);
      await this.audit.recordChange(em, caller, {
        resourceType: 'ReferralResponseTargets',
        resourceId: councilId ?? 'national',
        before: { targets: before },
        after: { targets: after },
        detail: { event: 'REFERRAL_RESPONSE_TARGETS_SET' },
      });
      return after;
    });
  }

  /** The version of a council's targets (or the national defaults'), 0 when it never saved any. */
  private async versionOf(em: EntityManager, councilId: string | null): Promise<number> {
    const [row]: { version: number }[] = await em.query(
      `SELECT version FROM referral_response_target_version WHERE organisation_id IS NOT DISTINCT FROM $1`,
      [councilId],
    );
    return row?.version ?? 0;
  }

  /**
   * The version row of a council's targets (or the national defaults'), made at 0 when missing and locked for the
   * rest of the transaction, so two saves against the same version cannot both pass the check.
   */
  private async lockVersion(em: EntityManager, councilId: string | null): Promise<number> {
    if (councilId)
      await em.query(
        `INSERT INTO referral_response_target_version (organisation_id, version) VALUES ($1, 0)
         ON CONFLICT (organisation_id) DO NOTHING`,
        [councilId],
      );
    else
      await em.query(
        `INSERT INTO referral_response_target_version (organisation_id, version)
         SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM referral_response_target_version WHERE organisation_id IS NULL)`,
      );
    const [row]: { version: number }[] = await em.query(
      `SELECT version FROM referral_response_target_version WHERE organisation_id IS NOT DISTINCT FROM $1 FOR UPDATE`,
      [councilId],
    );
    return row.version;
  }

  private async nationalTargets(em: EntityManager): Promise<ResponseTargets> {
    const rows: { step: ResponseStep; working_days: number }[] = await em.query(
      `SELECT step, working_days FROM referral_response_target WHERE organisation_id IS NULL`,
    );
    const national: ResponseTargets = { ...DEFAULT_RESPONSE_TARGETS };
    for (const r of rows) national[r.step] = r.working_days;
    return national;
  }

  /**
   * The working days councils took per step, for steps answered from `from` to `to` (London days), on accommodation
   * referrals from these youth justice services (null: all) to this council (null: any): median and 90th percentile
   * per council and for all councils together, suppressed as `publishTimes` says.
   */
  async measures(from: string, to: string, of: { fromServiceIds: readonly string[] | null; councilId: string | null }) {
    const rows: TimeRow[] = await this.dataSource.query(
      `SELECT organisation_id, step, working_days FROM referral_response_time
        WHERE ${londonDaySql('answered_at')} BETWEEN $1::date AND $2::date
          AND referral_type = 'ACCOMMODATION'
          AND ($3::uuid[] IS NULL OR from_service_id = ANY($3::uuid[]))
          AND ($4::uuid IS NULL OR organisation_id = $4::uuid)`,
      [from, to, of.fromServiceIds, of.councilId],
    );
    return this.publishTimes(rows);
  }

  /**
   * Providers' working days per step on education and health referrals, as councils' (`measures`): for steps answered
   * from `from` to `to`, on referrals from these youth justice services (null: all) of children whose home is this
   * council (null: any child; a council's measures are its children's), per provider and for all providers together.
   */
  async providerMeasures(
    from: string,
    to: string,
    of: { fromServiceIds: readonly string[] | null; homeAuthorityId: string | null },
  ) {
    const rows: TimeRow[] = await this.dataSource.query(
      `SELECT t.organisation_id, t.step, t.working_days FROM referral_response_time t
        WHERE ${londonDaySql('t.answered_at')} BETWEEN $1::date AND $2::date
          AND t.referral_type <> 'ACCOMMODATION'
          AND ($3::uuid[] IS NULL OR t.from_service_id = ANY($3::uuid[]))
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM referral r WHERE r.id = t.referral_id
                                              AND ${this.children.ofHomeAuthoritySql('r.child_id', '$4::uuid')}))`,
      [from, to, of.fromServiceIds, of.homeAuthorityId],
    );
    return this.publishTimes(rows);
  }

  /**
   * Each step's times per partner and for all partners together (organisation null first, then the partners by name):
   * the steps answered are suppressed as the other measures are (`suppressSmallNumbers`): each step's partners are a
   * row adding up to all of them, so under 5 is "fewer than 5", and so is any partner whose count the total and the
   * others would give away (a small number of referrals can identify a child). A hidden count hides its figures.
   */
  private async publishTimes(rows: readonly TimeRow[]) {
    const partnerIds = [...new Set(rows.map((r) => r.organisation_id))];
    const names = new Map(
      (await this.organisations.findByIds(partnerIds)).filter((o) => o).map((o) => [o!.id, o!.name]),
    );
    const partners = partnerIds.sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
    // Each step's days, all partners' and each partner's, put in buckets in one pass over the rows (in their order),
    // not the rows scanned again for each step and partner (quadratic in the providers of England and Wales).
    const byStep = new Map(
      Object.values(ResponseStep).map((step) => [
        step,
        { all: [] as number[], byPartner: new Map<string, number[]>() },
      ]),
    );
    for (const r of rows) {
      const bucket = byStep.get(r.step);
      if (!bucket) continue;
      bucket.all.push(r.working_days);
      const partner = bucket.byPartner.get(r.organisation_id);
      if (partner) partner.push(r.working_days);
      else bucket.byPartner.set(r.organisation_id, [r.working_days]);
    }
    return Object.values(ResponseStep).flatMap((step) => {
      const { all, byPartner } = byStep.get(step)!;
      const daysOf = (organisationId: string | null) =>
        organisationId === null ? all : (byPartner.get(organisationId) ?? []);
      const [published] = suppressSmallNumbers([{ cells: partners.map((c) => daysOf(c).length), total: all.length }]);
      return [null, ...partners].map((organisationId, i) => {
        const days = daysOf(organisationId);
        const shown = !(i === 0 ? published.total! : published.cells[i - 1]).suppressed;
        const figures = shown ? medianAndP90(days) : null;
        return {
          organisationId,
          organisationName: organisationId ? (names.get(organisationId) ?? null) : null,
          step,
          answered: figures ? days.length : null,
          medianWorkingDays: figures?.median ?? null,
          p90WorkingDays: figures?.p90 ?? null,
          display: figures
            ? `${days.length} answered: median ${figures.median}, 90th percentile ${figures.p90} working days`
            : FEWER_THAN_5,
        };
      });
    });
  }

  /** What each referral's council owes now and by when (null: owing nothing, or not an accommodation referral). */
  async dueOf(referralIds: readonly string[]): Promise<(ResponseDue | null)[]> {
    const rows = await this.clockRows(this.dataSource.manager, `r.id = ANY($1::uuid[])`, [referralIds]);
    const targets = await this.targetsOf(rows.map((r) => r.to_organisation_id));
    const now = this.clock.now();
    return referralIds.map((id) => {
      const row = rows.find((r) => r.id === id);
      return row ? this.dueOfRow(row, targets.get(row.to_organisation_id)!, now) : null;
    });
  }

  /**
   * Records the step a partner has just answered (any move of theirs out of a status that owed one), in the move's
   * transaction, before its event is appended: the latest event still says when the step started. A council's step on
   * an accommodation referral with its due date; a provider's (education, health) without: providers have no targets.
   */
  async recordAnswered(em: EntityManager, referralId: string, byPartner: boolean): Promise<void> {
    if (!byPartner) return;
    const [row] = await this.clockRows(em, `r.id = $1::uuid`, [referralId]);
    const step = row ? stepOf(row.status, row.entered_from) : null;
    if (!row || !step) return;
    const answeredAt = this.clock.now();
    let dueDate: string | null = null;
    if (row.type === ReferralType.ACCOMMODATION) {
      const targets = (await this.targetsOf([row.to_organisation_id], em)).get(row.to_organisation_id)!;
      dueDate = this.dueOfRow(row, targets, answeredAt)!.dueDate;
    }
    await em.query(
      `INSERT INTO referral_response_time
         (referral_id, step_started_at, step, organisation_id, from_service_id, answered_at, due_date, working_days,
          referral_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        row.id,
        row.entered_at,
        step,
        row.to_organisation_id,
        row.from_service_id,
        answeredAt,
        dueDate,
        workingDaysTaken(row.entered_at, answeredAt),
        row.type,
      ],
    );
  }

  /**
   * The scheduler's run: every open accommodation referral whose council owes a reminder or an escalation by now and
   * has not had it gets it, each in its own transaction with the referral locked (one a change is holding is left to
   * the next run). Idempotent: the notice row's primary key, inserted first, lets each happen once.
   */
  async run(): Promise<ResponseRun> {
    const now = this.clock.now();
    const candidates = await this.clockRows(
      this.dataSource.manager,
      `r.type = '${ReferralType.ACCOMMODATION}' AND r.status = ANY($1::referral_status[])`,
      [WAITING_ON_COUNCIL],
    );
    const targets = await this.targetsOf(candidates.map((r) => r.to_organisation_id));
    const run: ResponseRun = { reminders: 0, escalations: 0 };
    for (const candidate of candidates) {
      const due = this.dueOfRow(candidate, targets.get(candidate.to_organisation_id)!, now);
      if (!due?.owed) continue;
      const sent = await this.dataSource.transaction((em) => this.sendOwed(em, candidate.id, now));
      if (sent === 'REMINDER') run.reminders++;
      if (sent === 'ESCALATION') run.escalations++;
    }
    if (run.reminders || run.escalations)
      this.log.log(`Referral responses: ${run.reminders} reminders, ${run.escalations} escalations`);
    return run;
  }

  private async sendOwed(em: EntityManager, referralId: string, now: Date): Promise<ResponseNoticeKind | null> {
    const locked: unknown[] = await em.query(`SELECT id FROM referral WHERE id = $1 FOR UPDATE SKIP LOCKED`, [
      referralId,
    ]);
    if (locked.length === 0) return null;
    // Read again under the lock: the council may have answered since the candidates were read.
    const [row] = await this.clockRows(em, `r.id = $1::uuid`, [referralId]);
    if (!row || !WAITING_ON_COUNCIL.includes(row.status)) return null;
    const targets = (await this.targetsOf([row.to_organisation_id], em)).get(row.to_organisation_id)!;
    const due = this.dueOfRow(row, targets, now);
    if (!due?.owed) return null;
    const inserted: unknown[] = await em.query(
      `INSERT INTO referral_response_notice (referral_id, step_started_at, kind, step, due_date, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING referral_id`,
      [row.id, row.entered_at, due.owed, due.step, due.dueDate, now],
    );
    if (inserted.length === 0) return null;
    const recipients = await this.recipients(em, row.to_organisation_id, due.owed);
    const initials = initialsOf(row.summary?.givenName, row.summary?.familyName);
    const words = STEP_WORDS[due.step];
    const notice =
      due.owed === 'REMINDER'
        ? {
            title: `Accommodation referral for ${initials}: ${words.noun} due today`,
            body: `The accommodation referral for ${initials} should be ${words.done} by ${longDate(due.dueDate)} (your council’s target: ${due.targetDays} working days).`,
          }
        : {
            title: `Accommodation referral for ${initials}: ${words.noun} overdue`,
            body: `The accommodation referral for ${initials} was not ${words.done} by ${longDate(due.dueDate)}, your council’s target of ${due.targetDays} working days. As the council’s lead you are told so that it is answered before the child’s deadline.`,
          };
    const stepKey = `referral-response:${row.id}:${row.entered_at.toISOString()}:${due.owed.toLowerCase()}`;
    const requests: NotificationRequest[] = recipients.map((recipientUserId) => ({
      recipientUserId,
      kind: due.owed === 'REMINDER' ? 'REFERRAL_RESPONSE_REMINDER' : 'REFERRAL_RESPONSE_ESCALATION',
      ...notice,
      link: `/referrals/${row.id}`,
      childId: row.child_id,
      dedupeKey: `${stepKey}:${recipientUserId}`,
    }));
    await this.notifications.notifyMany(em, requests);
    return due.owed;
  }

  /** A reminder goes to the council's accommodation officers; an escalation to its lead (with none, the officers). */
  private async recipients(em: EntityManager, councilId: string, kind: ResponseNoticeKind): Promise<string[]> {
    const officers = (await this.users.activeWithRole(councilId, Role.LA_ACCOMMODATION_OFFICER)).map((u) => u.id);
    if (kind === 'REMINDER') return officers;
    const leadId = (await this.organisations.leadsOf(em, [councilId])).get(councilId);
    const [lead] = leadId ? await this.users.findByIds([leadId]) : [null];
    return lead && !lead.disabled ? [lead.id] : officers;
  }

  private dueOfRow(row: ClockRow, targets: ResponseTargets, now: Date): ResponseDue | null {
    if (row.type !== ReferralType.ACCOMMODATION) return null;
    return responseDue({
      status: row.status,
      enteredFrom: row.entered_from,
      enteredAt: new Date(row.entered_at),
      targets,
      now,
    });
  }

  /** Referrals matching `where`, each with the status it came from and when (its latest event). */
  private async clockRows(em: EntityManager, where: string, params: unknown[]): Promise<ClockRow[]> {
    const rows: ClockRow[] = await em.query(
      `SELECT r.id, r.type, r.status, r.child_id, r.to_organisation_id, r.from_service_id, r.summary,
              e.from_status AS entered_from, COALESCE(r.status_since, e.created_at, r.sent_at, r.created_at) AS entered_at
         FROM referral r
         LEFT JOIN LATERAL (SELECT from_status, created_at FROM referral_event
                             WHERE referral_id = r.id ORDER BY created_at DESC, id DESC LIMIT 1) e ON true
        WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({ ...r, entered_at: new Date(r.entered_at) }));
  }
}
