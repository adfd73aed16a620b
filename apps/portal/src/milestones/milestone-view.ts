import { daysBetweenDates, govukDate } from '../http/view-filters';
import { PATHWAY_LABELS } from '../plans/plan-labels';

/** A milestone as the deadlines page reads it from the api. */
export interface MilestoneData {
  id: string;
  key: string;
  dueDate: string | null;
  status: string;
  metAt: string | null;
  evidence: Record<string, unknown> | null;
  waivedReason: string | null;
  waivedByName: string | null;
  version: number;
  policy: { anchor: string; offset: { amount: number; unit: string; direction: string } };
  notificationsSent: { kind: string; step: number; forDueDate: string; sentAt: string; recipientName: string | null }[];
}

const ANCHOR_WORDS: Record<string, string> = {
  REMAND_DATE: 'the remand date',
  SENTENCE_DATE: 'the sentence date',
  EARLIEST_RELEASE_DATE: 'the earliest release date',
  RELEASE_DATE: 'the release date',
  NEXT_HEARING_DATE: 'the next court hearing',
};

const LEVEL_WORDS: Record<number, string> = {
  1: 'level 1, the case manager',
  2: 'level 2, the service’s managers',
  3: 'level 3, the head of service',
};

/** Why the due date is that date, in words: "10 working days after the sentence date". Pure. */
export function whyDue(policy: MilestoneData['policy']): string {
  const { amount, unit, direction } = policy.offset;
  const anchor = ANCHOR_WORDS[policy.anchor] ?? 'the date it hangs on';
  if (amount === 0) return `on ${anchor}`;
  const unitWords = unit === 'WORKING_DAYS' ? 'working day' : 'day';
  return `${amount} ${unitWords}${amount === 1 ? '' : 's'} ${direction === 'AFTER' ? 'after' : 'before'} ${anchor}`;
}

/** "12 days overdue" for a missed (or open and past) milestone; null otherwise. Pure. */
export function overdueText(m: Pick<MilestoneData, 'status' | 'dueDate'>, today: string): string | null {
  if (!m.dueDate || (m.status !== 'MISSED' && m.status !== 'PENDING')) return null;
  const late = daysBetweenDates(m.dueDate, today);
  if (late <= 0) return null;
  return late === 1 ? '1 day overdue' : `${late} days overdue`;
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : null);
const day = (value: unknown) => (str(value) ? govukDate(String(value).slice(0, 10)) : null);

/**
 * The fact that met a milestone, in words, with where it is shown when there is such a page; never a type name. Pure.
 */
export function evidenceInWords(
  evidence: Record<string, unknown> | null,
  episodeId: string,
): { text: string; href: string | null } | null {
  if (!evidence) return null;
  const plan = `/plans/${episodeId}`;
  switch (evidence.type) {
    case 'Referral':
      return {
        text: `Confirmed accommodation referral to ${str(evidence.confirmedBy) ?? 'the local authority'}: ${str(evidence.address) ?? 'address recorded'}, from ${day(evidence.startDate) ?? 'a date recorded'}`,
        href: `/referrals/${String(evidence.id)}`,
      };
    case 'AccommodationArrangement':
      return {
        text: `Accommodation arranged at ${str(evidence.address) ?? 'an address recorded'}${str(evidence.livingWith) ? ` with ${evidence.livingWith}` : ''}, from ${day(evidence.startDate) ?? 'a date recorded'}, confirmed by ${str(evidence.confirmedBy) ?? 'someone named'}`,
        href: plan,
      };
    case 'ChildToldWhereLiving':
      return {
        text: `Child told where they will live (${str(evidence.address) ?? 'the confirmed address'}) on ${day(evidence.toldOn) ?? 'a day recorded'} by ${str(evidence.toldBy) ?? 'someone named'}`,
        href: plan,
      };
    case 'EtePlacement':
      return {
        text: `Education place at ${str(evidence.provider) ?? 'a provider recorded'} from ${day(evidence.startDate) ?? 'a date recorded'}${typeof evidence.hoursPerWeek === 'number' ? `, ${evidence.hoursPerWeek} hours a week` : ''}`,
        href: plan,
      };
    case 'HealthHandover': {
      const each = Array.isArray(evidence.handovers)
        ? (evidence.handovers as Record<string, unknown>[]).map(
            (h) =>
              `${PATHWAY_LABELS[String(h.pathwayType)] ?? 'Health'}: handover to ${str(h.receivingProvider) ?? 'a provider'}, first appointment ${day(h.firstAppointmentOn) ?? 'recorded'}`,
          )
        : [];
      return { text: each.length ? each.join('; ') : 'Health handover arranged', href: plan };
    }
    case 'ChildrensServicesInformed':
      return {
        text: `Children's services told of the hearing on ${day(evidence.hearingDate) ?? 'a day recorded'}, on ${day(evidence.informedOn) ?? 'a day recorded'} by ${str(evidence.informedBy) ?? 'someone named'}${str(evidence.informedWhom) ? ` (told: ${evidence.informedWhom})` : ''}`,
        href: plan,
      };
    case 'PlanningMeeting':
      return {
        text: `${evidence.meetingType === 'PRE_RELEASE' ? 'Pre-release planning meeting' : 'Initial planning meeting'} held on ${day(evidence.at) ?? 'a day recorded'}`,
        href: plan,
      };
    case 'ReleaseDayPlan':
      return { text: `Day-of-release plan confirmed on ${day(evidence.at) ?? 'a day recorded'}`, href: plan };
    case 'Pathway':
      return { text: 'Accommodation referral sent to the local authority', href: plan };
    default:
      return { text: `Met on ${day(evidence.at) ?? 'a day recorded'}`, href: null };
  }
}

/** The reminders and escalations sent, in words: "Reminder 1 to Priya Tester". Pure. */
export function noticeWords(n: MilestoneData['notificationsSent'][number]): string {
  const who = n.recipientName ?? 'someone whose account has gone';
  return n.kind === 'REMINDER'
    ? `Reminder ${n.step} to ${who}`
    : `Escalated (${LEVEL_WORDS[n.step] ?? `level ${n.step}`}) to ${who}`;
}

/** The fact forms for milestones met by a recorded fact (built elsewhere; linked only). */
export const RECORD_LINKS: Record<string, { path: string; text: string }> = {
  ACCOMMODATION_CONFIRMED: { path: 'record/accommodation-arrangement', text: 'Record the accommodation arrangement' },
  CHILD_TOLD_WHERE_LIVING: { path: 'record/child-told', text: 'Record that the child was told where they will live' },
  ETE_PLACE_CONFIRMED: { path: 'record/ete-placement', text: 'Record the education, training or work place' },
  HEALTH_HANDOVER_ARRANGED: { path: 'record/health-handover', text: 'Record a health handover' },
};
