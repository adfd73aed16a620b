import { addDays, addWorkingDays, IsoDate, lastWorkingDayOnOrBefore } from '@resettle/common';
import { MilestoneAnchor, MilestoneKey, MilestoneStatus } from '../milestone-enums';

/**
 * The milestone policy (DOMAIN.md "Deadlines"): for each deadline, the date it hangs on, how far from it, when it
 * reminds and how it escalates. Pure: no framework, no I/O; the defaults are DOMAIN's table, and a youth justice
 * service may override an offset, the reminders, or turn a milestone off (`mergePolicy`).
 *
 * Decisions worth knowing:
 * - Due dates are calendar dates. A due date that lands on a Saturday, Sunday or England and Wales bank holiday
 *   moves to the working day before it (never later than the rule says): "14 days before a Monday release" is the
 *   Monday two weeks earlier, "14 days before" a Saturday is the Friday before that Saturday. Working-day offsets
 *   count working days only (the anchor day itself is never counted, as `addWorkingDays` does).
 * - The detention placement plan exists only for an episode that began on remand. The initial planning meeting and
 *   the accommodation referral hang on the sentence date: on remand they exist with no due date (the detention
 *   placement plan, 10 working days after remand, is the remand's own deadline) and get one when the sentence is
 *   recorded. An INITIAL meeting held on remand still meets the initial planning meeting (one per plan).
 * - "Release" is the earliest date the child could be released (DOMAIN): the release-related milestones hang on
 *   `EARLIEST_RELEASE_DATE`, see `anchorsOf`. Without a release date (remand, DHMP) they have no due date yet.
 * - Release at court: 62% of children remanded do not then get a custodial sentence, so while a child is on remand
 *   the hearing deadlines (`appliesTo: 'ON_REMAND'`) hang on the next court hearing (`NEXT_HEARING_DATE`), working
 *   days before it, and move with it. They are never planned for a sentenced child; one planned on remand that is
 *   still open when the child is sentenced or leaves custody no longer applies (`stillApplies`).
 */

export type OffsetUnit = 'DAYS' | 'WORKING_DAYS';
export type OffsetDirection = 'BEFORE' | 'AFTER';

export interface MilestoneOffset {
  amount: number;
  unit: OffsetUnit;
  direction: OffsetDirection;
}

/** Who is told at a level of the ladder. The worker resolves them to people. */
export type EscalationRecipient =
  /** The milestone's owner: the child's case manager (or, for a partner's pathway, the pathway's named owner too). */
  | 'OWNER'
  /** The owner's manager: the supervising service's managers. */
  | 'OWNER_MANAGER'
  /** The head of the youth justice service. */
  | 'HEAD_OF_SERVICE'
  /** The lead of the partner organisation responsible for the pathway (health provider, school, local authority). */
  | 'PARTNER_LEAD';

export interface EscalationStep {
  /** 1 owner, 2 their manager, 3 head of service (the `escalationLevel` a milestone reaches). */
  level: number;
  /** Working days after the due date (0: at the due moment). */
  afterWorkingDays: number;
  notify: EscalationRecipient[];
}

export interface MilestonePolicyEntry {
  key: MilestoneKey;
  anchor: MilestoneAnchor;
  offset: MilestoneOffset;
  /**
   * REMAND_ONLY: only for an episode that began on remand; ON_REMAND: only while the child is on remand (the hearing
   * deadlines); ALL: every episode (due once its anchor is known).
   */
  appliesTo: MilestoneScope;
  /** Reminders before the due date (direction is always BEFORE). */
  reminders: MilestoneOffset[];
  escalation: EscalationStep[];
  /** The pathways whose responsible organisation is the partner (its lead joins the ladder); empty for none. */
  partnerPathways: string[];
  /** Turned off for a service: no milestone is created (existing ones are left as they are). */
  disabled: boolean;
  /** What the deadline is, in plain English. */
  description: string;
  /** The recorded fact that meets it. */
  metBy: string;
}

type MilestoneScope = 'REMAND_ONLY' | 'ON_REMAND' | 'ALL';

export type MilestonePolicy = Readonly<Record<MilestoneKey, MilestonePolicyEntry>>;

const wd = (amount: number, direction: OffsetDirection): MilestoneOffset => ({
  amount,
  unit: 'WORKING_DAYS',
  direction,
});
const days = (amount: number, direction: OffsetDirection): MilestoneOffset => ({ amount, unit: 'DAYS', direction });

/** Reminders: 5 working days and 1 working day before the due date. */
const DEFAULT_REMINDERS: readonly MilestoneOffset[] = [wd(5, 'BEFORE'), wd(1, 'BEFORE')];

/**
 * Owner at the due moment, their manager 2 working days later, the head of service 5 working days after the due date.
 */
function defaultLadder(withPartner: boolean): EscalationStep[] {
  return [
    { level: 1, afterWorkingDays: 0, notify: ['OWNER'] },
    { level: 2, afterWorkingDays: 2, notify: withPartner ? ['OWNER_MANAGER', 'PARTNER_LEAD'] : ['OWNER_MANAGER'] },
    { level: 3, afterWorkingDays: 5, notify: withPartner ? ['HEAD_OF_SERVICE', 'PARTNER_LEAD'] : ['HEAD_OF_SERVICE'] },
  ];
}

function entry(
  key: MilestoneKey,
  anchor: MilestoneAnchor,
  offset: MilestoneOffset,
  description: string,
  metBy: string,
  options: { appliesTo?: MilestoneScope; partnerPathways?: string[] } = {},
): MilestonePolicyEntry {
  const partnerPathways = options.partnerPathways ?? [];
  return {
    key,
    anchor,
    offset,
    appliesTo: options.appliesTo ?? 'ALL',
    reminders: DEFAULT_REMINDERS.map((r) => ({ ...r })),
    escalation: defaultLadder(partnerPathways.length > 0),
    partnerPathways,
    disabled: false,
    description,
    metBy,
  };
}

const HEALTH_PATHWAYS = ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'];

/** DOMAIN.md "Deadlines", as configuration. */
export const DEFAULT_MILESTONE_POLICY: MilestonePolicy = {
  [MilestoneKey.DETENTION_PLACEMENT_PLAN]: entry(
    MilestoneKey.DETENTION_PLACEMENT_PLAN,
    MilestoneAnchor.REMAND_DATE,
    wd(10, 'AFTER'),
    'Detention placement plan (remand): 10 working days after remand',
    'The INITIAL planning meeting held (where the detention placement plan is drawn up with the child, family and local authority)',
    { appliesTo: 'REMAND_ONLY' },
  ),
  [MilestoneKey.INITIAL_PLANNING_MEETING]: entry(
    MilestoneKey.INITIAL_PLANNING_MEETING,
    MilestoneAnchor.SENTENCE_DATE,
    wd(10, 'AFTER'),
    'Initial planning meeting held: 10 working days after sentence',
    'An INITIAL planning meeting with its outcome recorded (HELD)',
  ),
  [MilestoneKey.ACCOMMODATION_REFERRAL_SENT]: entry(
    MilestoneKey.ACCOMMODATION_REFERRAL_SENT,
    MilestoneAnchor.SENTENCE_DATE,
    wd(10, 'AFTER'),
    'Accommodation referral sent to the local authority: 10 working days after sentence',
    'Interim until accommodation referrals (issue 6): the accommodation pathway has a responsible local authority and has started',
    { partnerPathways: ['ACCOMMODATION'] },
  ),
  [MilestoneKey.ACCOMMODATION_CONFIRMED]: entry(
    MilestoneKey.ACCOMMODATION_CONFIRMED,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    days(28, 'BEFORE'),
    'Accommodation confirmed (address and placement): 28 days before the earliest possible release date',
    'A confirmed address: the accommodation referral CONFIRMED (address, start date not past), or an accommodation arrangement recorded (address, start, with whom, who confirmed)',
    { partnerPathways: ['ACCOMMODATION'] },
  ),
  [MilestoneKey.CHILD_TOLD_WHERE_LIVING]: entry(
    MilestoneKey.CHILD_TOLD_WHERE_LIVING,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    days(14, 'BEFORE'),
    'Child told where they will live (and has visited or seen it where possible): 14 days before release',
    'The child told the confirmed address (when, by whom, how), on or after the day it was confirmed; a later address re-opens it',
    { partnerPathways: ['ACCOMMODATION'] },
  ),
  [MilestoneKey.ETE_PLACE_CONFIRMED]: entry(
    MilestoneKey.ETE_PLACE_CONFIRMED,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    days(14, 'BEFORE'),
    'Education, training or employment place confirmed with a start date: 14 days before release',
    'An ETE place recorded: provider, start date, hours a week, who confirmed',
    { partnerPathways: ['EDUCATION_TRAINING_EMPLOYMENT'] },
  ),
  [MilestoneKey.HEALTH_HANDOVER_ARRANGED]: entry(
    MilestoneKey.HEALTH_HANDOVER_ARRANGED,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    days(14, 'BEFORE'),
    'Health handover (CAMHS, substance misuse, GP) arranged: 14 days before release',
    'A health handover (receiving provider, first appointment) for physical health (GP), and for mental health and substance misuse unless their need is NONE',
    { partnerPathways: HEALTH_PATHWAYS },
  ),
  [MilestoneKey.DAY_OF_RELEASE_PLAN_CONFIRMED]: entry(
    MilestoneKey.DAY_OF_RELEASE_PLAN_CONFIRMED,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    days(14, 'BEFORE'),
    'Day-of-release plan confirmed: 14 days before release',
    'The release-day plan confirmed (confirmedAt)',
  ),
  [MilestoneKey.PRE_RELEASE_MEETING_HELD]: entry(
    MilestoneKey.PRE_RELEASE_MEETING_HELD,
    MilestoneAnchor.EARLIEST_RELEASE_DATE,
    wd(20, 'BEFORE'),
    'Pre-release planning meeting held: 20 working days before release',
    'A PRE_RELEASE planning meeting with its outcome recorded (HELD)',
  ),
  [MilestoneKey.HEARING_ACCOMMODATION_OPTION_IDENTIFIED]: entry(
    MilestoneKey.HEARING_ACCOMMODATION_OPTION_IDENTIFIED,
    MilestoneAnchor.NEXT_HEARING_DATE,
    wd(5, 'BEFORE'),
    'Bail or remand-to-local-authority accommodation option identified: 5 working days before the next hearing',
    'A confirmed address the child could go to from court: an accommodation referral CONFIRMED or an accommodation arrangement recorded',
    { appliesTo: 'ON_REMAND', partnerPathways: ['ACCOMMODATION'] },
  ),
  [MilestoneKey.HEARING_CHILDRENS_SERVICES_INFORMED]: entry(
    MilestoneKey.HEARING_CHILDRENS_SERVICES_INFORMED,
    MilestoneAnchor.NEXT_HEARING_DATE,
    wd(5, 'BEFORE'),
    "Children's services pathway informed of the hearing: 5 working days before the next hearing",
    'Interim, until informing children’s services is a fact of its own: the family and relationships pathway has a responsible organisation and has started',
    { appliesTo: 'ON_REMAND', partnerPathways: ['FAMILY_AND_RELATIONSHIPS'] },
  ),
  [MilestoneKey.HEARING_ETE_ARRANGEMENTS]: entry(
    MilestoneKey.HEARING_ETE_ARRANGEMENTS,
    MilestoneAnchor.NEXT_HEARING_DATE,
    wd(3, 'BEFORE'),
    'Education, training or employment arrangements that would follow the child: 3 working days before the next hearing',
    'An ETE place recorded: provider, start date, hours a week, who confirmed',
    { appliesTo: 'ON_REMAND', partnerPathways: ['EDUCATION_TRAINING_EMPLOYMENT'] },
  ),
  [MilestoneKey.HEARING_HEALTH_ARRANGEMENTS]: entry(
    MilestoneKey.HEARING_HEALTH_ARRANGEMENTS,
    MilestoneAnchor.NEXT_HEARING_DATE,
    wd(3, 'BEFORE'),
    'Health arrangements that would follow the child: 3 working days before the next hearing',
    'A health handover (receiving provider, first appointment) for each health pathway that needs one, as for release',
    { appliesTo: 'ON_REMAND', partnerPathways: HEALTH_PATHWAYS },
  ),
};

export const MILESTONE_KEYS = Object.values(MilestoneKey);

export type MilestoneAnchors = Readonly<Record<MilestoneAnchor, IsoDate | null>>;

/** What `anchorsOf` needs of an episode (the custody episode's columns plus its latest sentence date). */
export interface AnchorFacts {
  startDate: IsoDate;
  remandDate: IsoDate | null;
  /** The latest recorded sentence's date, or null (on remand, or before the sentence row is written). */
  latestSentenceDate: IsoDate | null;
  earliestReleaseDate: IsoDate | null;
  earlyReleaseDate: IsoDate | null;
  lateReleaseDate: IsoDate | null;
  releaseDateOverride: IsoDate | null;
  expectedReleaseDate: IsoDate | null;
  sentenced: boolean;
  /** On remand, the next court hearing's date (null without one, or once the child is sentenced or has left). */
  nextHearingDate: IsoDate | null;
}

/**
 * The dates milestones hang on.
 * - SENTENCE_DATE: the latest sentence, or the start of an episode that began with a sentence.
 * - EARLIEST_RELEASE_DATE: the earliest day the child could now leave. Once a release day has been decided (a
 *   manual override, a court's late release, a granted early release) that is the expected release day; before
 *   that, the presumed early release of a DTO of 8+ months (its earliest release date, moved back to a working day
 *   as the child would leave), and otherwise the expected release day.
 * - RELEASE_DATE: the day the child is now expected to leave (the episode's expected release day).
 * - NEXT_HEARING_DATE: on remand, the next court hearing (never for a sentenced child).
 */
export function anchorsOf(f: AnchorFacts): MilestoneAnchors {
  return {
    [MilestoneAnchor.REMAND_DATE]: f.remandDate,
    [MilestoneAnchor.SENTENCE_DATE]: f.latestSentenceDate ?? (f.sentenced && !f.remandDate ? f.startDate : null),
    [MilestoneAnchor.EARLIEST_RELEASE_DATE]:
      f.releaseDateOverride || f.lateReleaseDate || f.earlyReleaseDate
        ? f.expectedReleaseDate
        : f.earliestReleaseDate
          ? lastWorkingDayOnOrBefore(f.earliestReleaseDate)
          : f.expectedReleaseDate,
    [MilestoneAnchor.RELEASE_DATE]: f.expectedReleaseDate,
    [MilestoneAnchor.NEXT_HEARING_DATE]: f.sentenced ? null : f.nextHearingDate,
  };
}

/** An offset applied to a date, moved back to a working day when it lands on a weekend or bank holiday. */
export function applyOffset(from: IsoDate, offset: MilestoneOffset): IsoDate {
  const sign = offset.direction === 'BEFORE' ? -1 : 1;
  const raw =
    offset.unit === 'WORKING_DAYS' ? addWorkingDays(from, sign * offset.amount) : addDays(from, sign * offset.amount);
  return lastWorkingDayOnOrBefore(raw);
}

/** The due date of a milestone, or null while the date it hangs on is unknown. */
export function dueDate(
  policyEntry: Pick<MilestonePolicyEntry, 'anchor' | 'offset'>,
  anchors: MilestoneAnchors,
): IsoDate | null {
  const anchor = anchors[policyEntry.anchor];
  return anchor ? applyOffset(anchor, policyEntry.offset) : null;
}

/** What `applies` and `stillApplies` need of an episode. */
export interface EpisodeScopeFacts {
  remandDate: IsoDate | null;
  /** The child is on remand now (the episode's status is REMANDED). */
  onRemand: boolean;
  /** The next court hearing's date, if one is scheduled. */
  nextHearingDate?: IsoDate | null;
}

/**
 * Whether the milestone is planned for an episode: remand-only ones need a remand, the hearing deadlines a child on
 * remand now with a hearing scheduled (none is planned without one); a disabled one never.
 */
export function applies(
  policyEntry: Pick<MilestonePolicyEntry, 'appliesTo' | 'disabled'>,
  episode: EpisodeScopeFacts,
): boolean {
  if (policyEntry.disabled) return false;
  if (policyEntry.appliesTo === 'ON_REMAND') return episode.onRemand && !!episode.nextHearingDate;
  return policyEntry.appliesTo === 'ALL' || !!episode.remandDate;
}

/**
 * Whether a milestone already planned still applies: a hearing deadline stops applying once the child is sentenced
 * or has left custody (release at court no longer depends on it), or while no hearing waits (it was cancelled);
 * every other milestone, once planned, stays.
 */
export function stillApplies(
  policyEntry: Pick<MilestonePolicyEntry, 'appliesTo'>,
  episode: Pick<EpisodeScopeFacts, 'onRemand' | 'nextHearingDate'>,
): boolean {
  return policyEntry.appliesTo !== 'ON_REMAND' || (episode.onRemand && !!episode.nextHearingDate);
}

/** Why the system waived an open hearing deadline that no longer applies (`stillApplies`), in the history's words. */
export function hearingDeadlineWaiver(f: {
  sentenced: boolean;
  onRemand: boolean;
  cancelledHearingReason?: string | null;
}): string {
  if (f.sentenced) return 'Does not apply: the child was sentenced';
  if (!f.onRemand) return 'Does not apply: the child is no longer on remand';
  return f.cancelledHearingReason
    ? `Hearing cancelled: ${f.cancelledHearingReason}`
    : 'Does not apply: no hearing is scheduled';
}

/**
 * Whether a hearing deadline the system waived (no one did: `waivedById` is null) is planned again: a child still on
 * remand whose hearing was cancelled has a new one scheduled, and its deadlines count back from that one. The only
 * system waiver of a hearing deadline while on remand is a cancelled hearing's; a person's waiver stands.
 */
export function reopensForNextHearing(
  policyEntry: Pick<MilestonePolicyEntry, 'appliesTo' | 'disabled'>,
  milestone: { status: MilestoneStatus; waivedById: string | null },
  episode: EpisodeScopeFacts,
): boolean {
  return (
    policyEntry.appliesTo === 'ON_REMAND' &&
    milestone.status === MilestoneStatus.WAIVED &&
    milestone.waivedById === null &&
    applies(policyEntry, episode)
  );
}

/** The days reminders fall due, earliest first (the worker schedules them; past ones are skipped by it). */
export function reminderDates(due: IsoDate, reminders: readonly MilestoneOffset[]): IsoDate[] {
  return [...new Set(reminders.map((r) => applyOffset(due, { ...r, direction: 'BEFORE' })))].sort();
}

/** The day each level of the ladder is reached. */
export function escalationDates(
  due: IsoDate,
  ladder: readonly EscalationStep[],
): { level: number; on: IsoDate; notify: EscalationRecipient[] }[] {
  return ladder.map((step) => ({
    level: step.level,
    on: addWorkingDays(due, step.afterWorkingDays),
    notify: [...step.notify],
  }));
}

/** A service's override of one milestone (the `milestone_policy_override` row). Unset fields keep the default. */
export interface MilestoneOverride {
  key: MilestoneKey;
  offset?: MilestoneOffset | null;
  reminders?: readonly MilestoneOffset[] | null;
  disabled?: boolean | null;
}

/** The defaults with a service's overrides applied; unknown keys are ignored, the defaults are never mutated. */
export function mergePolicy(defaults: MilestonePolicy, overrides: readonly MilestoneOverride[]): MilestonePolicy {
  const merged = {} as Record<MilestoneKey, MilestonePolicyEntry>;
  for (const key of MILESTONE_KEYS) {
    const base = defaults[key];
    merged[key] = {
      ...base,
      offset: { ...base.offset },
      reminders: base.reminders.map((r) => ({ ...r })),
      escalation: base.escalation.map((s) => ({ ...s, notify: [...s.notify] })),
      partnerPathways: [...base.partnerPathways],
    };
  }
  for (const o of overrides) {
    const target = merged[o.key];
    if (!target) continue;
    if (o.offset) target.offset = { ...o.offset };
    if (o.reminders) target.reminders = o.reminders.map((r) => ({ ...r, direction: 'BEFORE' as const }));
    if (o.disabled !== undefined && o.disabled !== null) target.disabled = o.disabled;
  }
  return merged;
}

/** Problems with an offset, in words; empty when it is fine (0..365, whole number). */
export function offsetProblems(offset: MilestoneOffset): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(offset.amount) || offset.amount < 0 || offset.amount > 365)
    problems.push('amount must be a whole number from 0 to 365');
  if (offset.unit !== 'DAYS' && offset.unit !== 'WORKING_DAYS') problems.push('unit must be DAYS or WORKING_DAYS');
  if (offset.direction !== 'BEFORE' && offset.direction !== 'AFTER') problems.push('direction must be BEFORE or AFTER');
  return problems;
}

/**
 * Whether the actor may change a youth justice service's milestone policy: a manager of that service, and nobody
 * else (not another service's manager, not a case manager, not a national admin).
 */
export function mayConfigureMilestonePolicy(
  actor: { organisationId: string; roles: readonly string[] },
  youthJusticeServiceId: string,
): boolean {
  return actor.organisationId === youthJusticeServiceId && actor.roles.includes('YJS_MANAGER');
}
