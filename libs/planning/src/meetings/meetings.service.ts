import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { Caller } from '@resettle/access';
import {
  BadUserInputError,
  Clock,
  ConflictError,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  FieldErrors,
  groupByIds,
  isUuid,
  NotFoundError,
  pageSize,
  StaleVersionError,
  toConnection,
} from '@resettle/common';
import { UsersService } from '@resettle/identity';
import { OrganisationsService } from '@resettle/organisations';
import { Pathway } from '../entities/pathway.entity';
import { PathwayAction } from '../entities/pathway-action.entity';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanHistory } from '../plan-history.service';
import { PlanningService } from '../planning.service';
import { PlanEventType } from '../planning-enums';
import {
  CancelMeetingInput,
  MeetingInviteeInput,
  MyMeetingsArgs,
  RecordMeetingOutcomeInput,
  RescheduleMeetingInput,
  ScheduleMeetingInput,
} from './dto/meeting.inputs';
import { MeetingInvitee } from './entities/meeting-invitee.entity';
import { PlanningMeeting } from './entities/planning-meeting.entity';
import { RecordMeetingOutcomePayload } from './meeting.types';
import { MeetingStatus, meetingTypeLabel } from './meeting-enums';
import {
  actionDueDateErrors,
  attendanceErrors,
  changeRefusal,
  hasErrors,
  initialMeetingRefusal,
  inviteeErrors,
  meetingTimeAndPlaceErrors,
  outcomeTimeRefusal,
} from './rules/meeting-rules';

const MEETING = 'Planning meeting';
/** The most meetings one calendar feed carries (a year of a busy case manager's meetings is far fewer). */
const CALENDAR_FEED_LIMIT = 500;

type InviteeRow = Pick<MeetingInvitee, 'organisationId' | 'userId' | 'name' | 'email' | 'role' | 'position'>;

/** The person whose meetings are asked for: by their user id, and by their email on invitations made by email. */
export interface MeetingPerson {
  id: string;
  email: string;
}

function text(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/** `{ field: value }` for the ones the caller sent: left out keeps, null clears. */
function patched<T>(current: T, sent: T | undefined, clean: (v: T) => T = (v) => v): T {
  return sent === undefined ? current : clean(sent);
}

function badInput(errors: FieldErrors): BadUserInputError {
  const fields = Object.keys(errors);
  return new BadUserInputError(
    fields.length === 1 ? errors[fields[0]][0] : `Check these fields: ${fields.join(', ')}`,
    errors,
  );
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' });

/** A meeting as its history records it: its own fields and who was invited. */
function snapshot(
  meeting: PlanningMeeting,
  invitees: readonly InviteeRow[] | MeetingInvitee[],
): Record<string, unknown> {
  return {
    ...meeting,
    invitees: invitees.map((i) => ({
      organisationId: i.organisationId,
      userId: i.userId,
      name: i.name,
      email: i.email,
      role: i.role,
      ...('attendance' in i ? { attendance: i.attendance } : {}),
    })),
  };
}

/**
 * Planning meetings: scheduled, rescheduled, cancelled and held, each in one transaction that locks the meeting,
 * refuses a stale version with the current state, and appends the plan's history and the audit row. Actions agreed
 * at a meeting go onto the plan's pathways through `PlanningService.addPathwayAction`, in the same transaction.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: PlanHistory,
    private readonly planning: PlanningService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reads

  findMeeting(id: string): Promise<PlanningMeeting | null> {
    return this.dataSource.getRepository(PlanningMeeting).findOneBy({ id });
  }

  /** Each plan's meetings, newest first. */
  async meetingsOfPlans(planIds: readonly string[]): Promise<PlanningMeeting[][]> {
    const rows = await this.dataSource
      .getRepository(PlanningMeeting)
      .find({ where: { planId: In([...planIds]) }, order: { startsAt: 'DESC', createdAt: 'DESC' } });
    return groupByIds(planIds, rows, (m) => m.planId);
  }

  async inviteesOf(meetingIds: readonly string[]): Promise<MeetingInvitee[][]> {
    const rows = await this.dataSource
      .getRepository(MeetingInvitee)
      .find({ where: { meetingId: In([...meetingIds]) }, order: { position: 'ASC' } });
    return groupByIds(meetingIds, rows, (i) => i.meetingId);
  }

  /** The pathway actions each meeting agreed. */
  async actionsOfMeetings(meetingIds: readonly string[]): Promise<PathwayAction[][]> {
    const rows = await this.dataSource
      .getRepository(PathwayAction)
      .find({ where: { sourceMeetingId: In([...meetingIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(meetingIds, rows, (a) => a.sourceMeetingId!);
  }

  /** Meetings a person scheduled or is invited to (by user or by email), soonest first, keyset-paginated. */
  async meetingsOf(person: MeetingPerson, args: MyMeetingsArgs): Promise<ConnectionShape<PlanningMeeting>> {
    const limit = pageSize(args.first);
    const from = args.from ?? this.clock.now();
    if (args.to && args.to.getTime() <= from.getTime()) throw BadUserInputError.forField('to', 'to must be after from');
    const qb = this.personQuery(person).andWhere('m.ends_at > :from', { from });
    if (args.to) qb.andWhere('m.starts_at < :to', { to: args.to });
    if (!args.includeCancelled) qb.andWhere('m.status <> :cancelled', { cancelled: MeetingStatus.CANCELLED });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [startsAt, id] = decodeCursor(
        args.after,
        2,
        ([s, i]) => typeof s === 'string' && !Number.isNaN(Date.parse(s)) && isUuid(i),
      ) as [string, string];
      qb.andWhere('(m.starts_at, m.id) > (:afterStartsAt, :afterId)', {
        afterStartsAt: new Date(startsAt),
        afterId: id,
      });
    }
    const rows = await qb
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (m) => encodeCursor([m.startsAt.toISOString(), m.id]));
  }

  /**
   * For a calendar feed: a person's meetings starting from `since`, cancelled ones included (clients then strike them
   * out).
   */
  calendarMeetingsOf(person: MeetingPerson, since: Date): Promise<PlanningMeeting[]> {
    return this.personQuery(person)
      .andWhere('m.starts_at >= :since', { since })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(CALENDAR_FEED_LIMIT)
      .getMany();
  }

  private personQuery(person: MeetingPerson) {
    return this.dataSource
      .getRepository(PlanningMeeting)
      .createQueryBuilder('m')
      .where(
        `(m.scheduled_by_id = :userId OR EXISTS (
           SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = m.id AND (i.user_id = :userId OR i.email = :email)))`,
        { userId: person.id, email: person.email.trim().toLowerCase() },
      );
  }

  // ---------------------------------------------------------------- changes

  async schedule(input: ScheduleMeetingInput, caller: Caller): Promise<PlanningMeeting> {
    const fields = {
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: text(input.location),
      callLink: text(input.callLink),
    };
    const errors = { ...meetingTimeAndPlaceErrors(fields, this.clock.now()), ...inviteeErrors(input.invitees ?? []) };
    if (hasErrors(errors)) throw badInput(errors);
    const invitees = await this.resolveInvitees(input.invitees ?? []);

    return this.transaction(async (em) => {
      // Locked, so two initial meetings scheduled at once cannot both pass the check below.
      const plan = await em.findOne(ResettlementPlan, {
        where: { id: input.planId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) throw new NotFoundError('Resettlement plan', input.planId);
      const existing = await em.find(PlanningMeeting, {
        where: { planId: plan.id },
        select: { id: true, type: true, status: true },
      });
      const refusal = initialMeetingRefusal(input.type, existing);
      if (refusal) throw new ConflictError(refusal);

      const meeting = await em.save(
        em.create(PlanningMeeting, {
          planId: plan.id,
          childId: plan.childId,
          type: input.type,
          status: MeetingStatus.SCHEDULED,
          ...fields,
          childParticipation: input.childParticipation,
          childParticipationNotes: text(input.childParticipationNotes),
          parentCarerParticipation: input.parentCarerParticipation ?? null,
          parentCarerParticipationNotes: text(input.parentCarerParticipationNotes),
          notes: text(input.notes),
          scheduledById: caller.actor.userId,
          version: 1,
        }),
      );
      await this.insertInvitees(em, meeting.id, invitees);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.MEETING_SCHEDULED,
          summary: `${meetingTypeLabel(meeting.type)} scheduled for ${LONDON.format(meeting.startsAt)}`,
          record: { type: 'PlanningMeeting', id: meeting.id },
          before: null,
          after: snapshot(meeting, invitees),
        },
        caller,
      );
      return meeting;
    });
  }

  async reschedule(input: RescheduleMeetingInput, caller: Caller): Promise<PlanningMeeting> {
    const errors = inviteeErrors(input.invitees ?? []);
    if (hasErrors(errors)) throw badInput(errors);
    const newInvitees = input.invitees ? await this.resolveInvitees(input.invitees) : null;

    return this.transaction(async (em) => {
      const { meeting, invitees } = await this.lockMeeting(em, input.meetingId, input.expectedVersion);
      const refusal = changeRefusal(meeting.status, 'reschedule');
      if (refusal) throw new ConflictError(refusal, { current: snapshot(meeting, invitees) });

      const fields = {
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: patched(meeting.location, input.location, text),
        callLink: patched(meeting.callLink, input.callLink, text),
      };
      const timeErrors = meetingTimeAndPlaceErrors(fields, this.clock.now());
      if (hasErrors(timeErrors)) throw badInput(timeErrors);

      const before = snapshot(meeting, invitees);
      const moved = meeting.startsAt.getTime() !== fields.startsAt.getTime();
      Object.assign(meeting, fields);
      if (input.childParticipation) meeting.childParticipation = input.childParticipation;
      meeting.childParticipationNotes = patched(meeting.childParticipationNotes, input.childParticipationNotes, text);
      meeting.parentCarerParticipation = patched(
        meeting.parentCarerParticipation,
        input.parentCarerParticipation,
        (v) => v ?? null,
      );
      meeting.parentCarerParticipationNotes = patched(
        meeting.parentCarerParticipationNotes,
        input.parentCarerParticipationNotes,
        text,
      );
      meeting.notes = patched(meeting.notes, input.notes, text);
      meeting.version += 1;
      const saved = await em.save(meeting);
      if (newInvitees) {
        await em.delete(MeetingInvitee, { meetingId: meeting.id });
        await this.insertInvitees(em, meeting.id, newInvitees);
      }
      await this.history.record(
        em,
        {
          planId: meeting.planId,
          childId: meeting.childId,
          type: PlanEventType.MEETING_CHANGED,
          summary: moved
            ? `${meetingTypeLabel(meeting.type)} moved to ${LONDON.format(saved.startsAt)}`
            : `${meetingTypeLabel(meeting.type)} of ${LONDON.format(saved.startsAt)} changed`,
          record: { type: 'PlanningMeeting', id: meeting.id },
          before,
          after: snapshot(saved, newInvitees ?? invitees),
        },
        caller,
      );
      return saved;
    });
  }

  async cancel(input: CancelMeetingInput, caller: Caller): Promise<PlanningMeeting> {
    return this.transaction(async (em) => {
      const { meeting, invitees } = await this.lockMeeting(em, input.meetingId, input.expectedVersion);
      const refusal = changeRefusal(meeting.status, 'cancel');
      if (refusal) throw new ConflictError(refusal, { current: snapshot(meeting, invitees) });
      const before = snapshot(meeting, invitees);
      meeting.status = MeetingStatus.CANCELLED;
      meeting.cancelledAt = this.clock.now();
      meeting.cancellationReason = input.reason.trim();
      meeting.version += 1;
      const saved = await em.save(meeting);
      await this.history.record(
        em,
        {
          planId: meeting.planId,
          childId: meeting.childId,
          type: PlanEventType.MEETING_CANCELLED,
          summary: `${meetingTypeLabel(meeting.type)} of ${LONDON.format(saved.startsAt)} cancelled: ${saved.cancellationReason}`,
          record: { type: 'PlanningMeeting', id: meeting.id },
          before,
          after: snapshot(saved, invitees),
        },
        caller,
      );
      return saved;
    });
  }

  /**
   * The outcome, once: attendance of every invitee, the child's and parent/carer's participation as it happened,
   * decisions, and actions, each added to its pathway of the plan (with the meeting as its source).
   */
  async recordOutcome(input: RecordMeetingOutcomeInput, caller: Caller): Promise<RecordMeetingOutcomePayload> {
    const actions = input.actions ?? [];
    await this.assertOrganisations(actions.map((a, i) => [a.ownerOrganisationId, `actions.${i}.ownerOrganisationId`]));

    return this.transaction(async (em) => {
      const { meeting, invitees } = await this.lockMeeting(em, input.meetingId, input.expectedVersion);
      const refusal = changeRefusal(meeting.status, 'recordOutcome');
      if (refusal) throw new ConflictError(refusal, { current: snapshot(meeting, invitees) });
      const now = this.clock.now();
      const heldAt = input.heldAt ?? meeting.startsAt;
      const timing = outcomeTimeRefusal(meeting.startsAt, heldAt, now);
      if (timing?.code === 'CONFLICT')
        throw new ConflictError(timing.message, { current: snapshot(meeting, invitees) });
      if (timing) throw BadUserInputError.forField('heldAt', timing.message);
      const errors = {
        ...attendanceErrors(
          invitees.map((i) => i.id),
          input.attendance ?? [],
        ),
        ...actionDueDateErrors(heldAt, actions),
      };
      if (hasErrors(errors)) throw badInput(errors);

      const before = snapshot(meeting, invitees);
      const attendanceOf = new Map((input.attendance ?? []).map((a) => [a.inviteeId, a.attendance]));
      for (const invitee of invitees) {
        invitee.attendance = attendanceOf.get(invitee.id)!;
        await em.update(MeetingInvitee, { id: invitee.id }, { attendance: invitee.attendance });
      }
      meeting.status = MeetingStatus.HELD;
      meeting.heldAt = heldAt;
      meeting.childParticipationAtMeeting = input.childParticipation;
      meeting.childParticipationAtMeetingNotes = text(input.childParticipationNotes);
      meeting.parentCarerParticipationAtMeeting = input.parentCarerParticipation ?? null;
      meeting.parentCarerParticipationAtMeetingNotes = text(input.parentCarerParticipationNotes);
      meeting.decisions = (input.decisions ?? []).map((d) => d.trim()).filter(Boolean);
      meeting.outcomeNotes = text(input.outcomeNotes);
      meeting.outcomeRecordedById = caller.actor.userId;
      meeting.version += 1;
      const saved = await em.save(meeting);
      await this.history.record(
        em,
        {
          planId: meeting.planId,
          childId: meeting.childId,
          type: PlanEventType.MEETING_HELD,
          summary: `${meetingTypeLabel(meeting.type)} held on ${LONDON.format(heldAt)}: ${plural(saved.decisions.length, 'decision')}, ${plural(actions.length, 'action')}`,
          record: { type: 'PlanningMeeting', id: meeting.id },
          before,
          after: snapshot(saved, invitees),
        },
        caller,
      );

      const pathwayOf = new Map((await em.findBy(Pathway, { planId: meeting.planId })).map((p) => [p.type, p.id]));
      const added: PathwayAction[] = [];
      const warnings: string[] = [];
      for (const action of actions) {
        const pathwayId = pathwayOf.get(action.pathwayType);
        if (!pathwayId) throw new NotFoundError('Pathway', action.pathwayType);
        const result = await this.planning.addPathwayAction(
          {
            pathwayId,
            description: action.description,
            intervention: action.intervention ?? null,
            ownerOrganisationId: action.ownerOrganisationId,
            ownerName: action.ownerName ?? null,
            dueDate: action.dueDate,
          },
          caller,
          em,
          meeting.id,
        );
        added.push(result.action);
        warnings.push(...result.warnings);
      }
      return { meeting: saved, actions: added, warnings };
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * The meeting locked at the version the caller read, with its invitees. A stale version is refused with the
   * current meeting and its invitees, so the caller can show what changed.
   */
  private async lockMeeting(
    em: EntityManager,
    id: string,
    expectedVersion: number,
  ): Promise<{ meeting: PlanningMeeting; invitees: MeetingInvitee[] }> {
    try {
      const meeting = await this.history.lockAtVersion(em, PlanningMeeting, id, expectedVersion, MEETING);
      return { meeting, invitees: await this.inviteesIn(em, id) };
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
      const current = await em.findOneByOrFail(PlanningMeeting, { id });
      throw new StaleVersionError(
        `The ${MEETING.toLowerCase()}`,
        expectedVersion,
        current.version,
        snapshot(current, await this.inviteesIn(em, id)),
      );
    }
  }

  private inviteesIn(em: EntityManager, meetingId: string): Promise<MeetingInvitee[]> {
    return em.find(MeetingInvitee, { where: { meetingId }, order: { position: 'ASC' } });
  }

  private async insertInvitees(em: EntityManager, meetingId: string, invitees: readonly InviteeRow[]): Promise<void> {
    if (invitees.length)
      await em.insert(
        MeetingInvitee,
        invitees.map((i) => ({ ...i, meetingId, attendance: null })),
      );
  }

  /**
   * Checks each invitee against the directory and the users, and fills in a user's organisation, name and email.
   * BAD_USER_INPUT (naming each bad entry) before anything is written.
   */
  private async resolveInvitees(inputs: readonly MeetingInviteeInput[]): Promise<InviteeRow[]> {
    const errors: FieldErrors = {};
    const organisations = await this.organisations.findByIds(
      inputs.map((i) => i.organisationId).filter((id): id is string => !!id),
    );
    const knownOrganisations = new Set(organisations.filter((o) => !!o).map((o) => o!.id));
    const userIds = inputs.map((i) => i.userId).filter((id): id is string => !!id);
    const users = await this.users.findByIds(userIds);
    const userOf = new Map(userIds.map((id, i) => [id, users[i]]));

    const rows = inputs.map((input, position): InviteeRow => {
      const user = input.userId ? (userOf.get(input.userId) ?? null) : null;
      if (input.userId && (!user || user.disabled)) (errors[`invitees.${position}.userId`] ??= []).push('No such user');
      if (input.organisationId && !knownOrganisations.has(input.organisationId)) {
        (errors[`invitees.${position}.organisationId`] ??= []).push('No such organisation');
      } else if (user && input.organisationId && user.organisationId !== input.organisationId) {
        (errors[`invitees.${position}.organisationId`] ??= []).push('The user is not of this organisation');
      }
      return {
        organisationId: input.organisationId ?? user?.organisationId ?? null,
        userId: user?.id ?? null,
        name: text(input.name) ?? (user ? `${user.givenName} ${user.familyName}` : null),
        email: text(input.email)?.toLowerCase() ?? user?.email ?? null,
        role: text(input.role),
        position,
      };
    });
    if (hasErrors(errors)) throw badInput(errors);
    return rows;
  }

  private async assertOrganisations(idsAndFields: readonly [id: string, field: string][]): Promise<void> {
    if (!idsAndFields.length) return;
    const found = await this.organisations.findByIds(idsAndFields.map(([id]) => id));
    const errors: FieldErrors = {};
    idsAndFields.forEach(([, field], i) => {
      if (!found[i]) errors[field] = ['No such organisation'];
    });
    if (hasErrors(errors)) throw badInput(errors);
  }

  /** A transaction whose race on the one-initial-meeting index reads as the same CONFLICT the check gives. */
  private async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'uq_planning_meeting_initial'
      ) {
        throw new ConflictError(
          'This plan already has an initial planning meeting: reschedule that one, or cancel it first',
        );
      }
      throw error;
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
