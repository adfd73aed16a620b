import { Client } from 'pg';
import { ageOn } from '@resettle/children';
import { addDays, addWorkingDays, lastWorkingDayOnOrBefore, todayIso } from '@resettle/common';
import {
  DEFAULT_RESPONSE_TARGETS,
  ReferralStatus,
  responseDue,
  ResponseStep,
  ResponseTargets,
  workingDaysTaken,
} from '@resettle/referrals';
import { RELEASED_KEY_PREFIX } from './seed-demo-released';

/**
 * How many working days each demo council took over each step, child by child within the area (cycled), by the
 * council's place in the demo areas (Leeds, Birmingham, Kent, Cardiff). Against the national defaults (acknowledge 2,
 * answer 3, offer 10, confirm 3): Leeds quick, always within target; Birmingham at the limit, now and then late; Kent
 * within target; Cardiff often late, at every step. So the measures' councils' response times tell them apart.
 */
const SPEEDS: readonly Record<'acknowledge' | 'answer' | 'offer' | 'confirm', readonly number[]>[] = [
  { acknowledge: [1, 1, 2, 1, 2, 1], answer: [1, 2, 2], offer: [5, 7, 4, 8, 6, 9], confirm: [1, 2, 1, 2, 3, 1] },
  { acknowledge: [2, 2, 1, 3, 2, 2], answer: [3, 2, 3], offer: [9, 10, 8, 12, 10, 9], confirm: [3, 2, 3, 4, 3, 2] },
  { acknowledge: [1, 2, 2, 1, 1, 2], answer: [2, 3, 1], offer: [7, 9, 10, 6, 8, 10], confirm: [2, 3, 2, 1, 3, 2] },
  { acknowledge: [3, 5, 2, 6, 4, 3], answer: [4, 6, 5], offer: [14, 19, 12, 23, 16, 11], confirm: [4, 7, 3, 6, 5, 4] },
];

/** Every fourth child's council asked a question before acknowledging; the service answered in these working days. */
const ASKED_EVERY = 4;
const SERVICE_ANSWER_DAYS = [2, 3, 1];

/** What the service wrote, for the referrals' synthetic text (no real people or places). */
const WISHES = [
  'Wants to live near family and keep the college place started in custody.',
  'Would accept supported lodgings for now; would like a flat of their own eventually.',
  'Wants to stay in the area and away from the estate where the offence happened.',
];
const FAMILY = [
  'Mum is supportive but the house is overcrowded; an aunt is willing to help at weekends.',
  'Grandparents want to stay involved and have offered to drive to appointments.',
  'Dad would like them home; the local authority has concerns about the address.',
];
const NEEDS = [
  'Curfew expected as a licence condition; previous exploitation concerns linked to the old area.',
  'Low mood in custody, now stable with support; needs a GP registration before release.',
  'No ID or bank account; needs help with a benefits claim. No concerns about living with others.',
];
const QUESTION =
  'Before we can place them: what curfew hours are expected on licence, and is family contact supervised?';
const REPLY = 'The curfew is 7pm to 7am on licence; family contact is unrestricted. Sent again with the details.';
const DECLINE =
  'We have no placement that meets the licence conditions before the release date; please look at the family option.';
const PLACEMENT: Record<string, string> = {
  FAMILY_HOME: 'Family home with a support package',
  SUPPORTED_ACCOMMODATION: 'Supported accommodation',
};

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

/** A time of day in England and Wales (GMT or BST) on a date, as a moment. */
function atLondon(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d, hour, minute);
  return new Date(utc - (Number(LONDON_HOUR.format(utc)) - hour) * 3600_000);
}

interface Move {
  from: ReferralStatus | null;
  to: ReferralStatus;
  at: Date;
  byCouncil: boolean;
  note: string | null;
}

/**
 * The accommodation referrals the released demo children (`demo-released-…`) had before they left, to their home
 * council, as the referrals feature would have recorded them had they been made through it (the seed runs no api for
 * past days). Where the child's address was confirmed (their accommodation arrangement), the council confirmed it: the
 * referral was sent, acknowledged (every fourth child's council first asked a question, and the service sent it again
 * with the answer), offered and confirmed, each step taking the council's days (`SPEEDS`), counted back from the
 * confirmation at 09:30 London on the arrangement's day (or the working day before), just before the arrangement was
 * recorded (10:00), which stays the child's current address: the offer is the arrangement's address from the day of
 * release, so the deadlines these facts meet are met as they were. Where it never was, the council declined at the
 * offer step, the referral sent eight weeks before release. Closed history only (CONFIRMED, DECLINED): no inbox gains
 * anything to do, and the plan's pathways are left as the release seed left them.
 * Each move is an event dated then; each step the council answered a `referral_response_time` row with its due date
 * (`responseDue`: the council's targets, national defaults unless it has its own) and the working days it took
 * (`workingDaysTaken`); each reminder and escalation the scheduler would have sent for a late step (09:00 London on
 * the due day, and on the working day after it) a `referral_response_notice` row, as its run leaves them (no
 * notification: nobody is told of a year-old step). So the measures page has councils' response times over the year
 * before `today`. Once only: nothing is done if any released demo child has an accommodation referral. Run after
 * `seedDemoProviderTimes` (which does nothing once a released child has any referral). Returns how many it wrote.
 */
export async function seedDemoCouncilTimes(db: Client, areaCodes: readonly string[]): Promise<number> {
  const { rows: children } = await db.query<{
    child_id: string;
    episode_id: string;
    plan_id: string;
    service_id: string;
    case_manager_id: string | null;
    released_on: string;
    expected_release_date: string | null;
    date_of_birth: string;
    given_name: string;
    family_name: string;
    preferred_name: string | null;
    gender: string;
    establishment: string | null;
    area: string;
    council_id: string;
    council_code: string;
    council_name: string;
    accommodation_pathway_id: string | null;
    arranged_at: Date | null;
    address: string | null;
    start_date: string | null;
    kind: string | null;
  }>(
    `SELECT c.id AS child_id, e.id AS episode_id, p.id AS plan_id, e.supervising_service_id AS service_id,
            e.case_manager_id, to_char((e.released_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS released_on,
            to_char(e.expected_release_date, 'YYYY-MM-DD') AS expected_release_date,
            to_char(c.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, c.given_name, c.family_name, c.preferred_name,
            c.gender::text AS gender, est.name AS establishment, la.code AS area, home.id AS council_id,
            home.code AS council_code, home.name AS council_name,
            (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'ACCOMMODATION') AS accommodation_pathway_id,
            a.created_at AS arranged_at, a.address, to_char(a.start_date, 'YYYY-MM-DD') AS start_date, a.kind::text AS kind
       FROM custodial_episode e JOIN child c ON c.id = e.child_id JOIN resettlement_plan p ON p.episode_id = e.id
       JOIN organisation yjs ON yjs.id = e.supervising_service_id JOIN organisation la ON la.id = yjs.local_authority_id
       JOIN organisation home ON home.id = c.home_authority_id AND home.type = 'LOCAL_AUTHORITY'
       LEFT JOIN organisation est ON est.id = e.current_establishment_id
       LEFT JOIN LATERAL (SELECT created_at, address, start_date, kind FROM accommodation_arrangement
                           WHERE plan_id = p.id ORDER BY created_at LIMIT 1) a ON true
      WHERE c.external_reference LIKE '${RELEASED_KEY_PREFIX}%' AND e.released_at IS NOT NULL AND la.code = ANY($1::text[])
      ORDER BY c.external_reference`,
    [[...areaCodes]],
  );
  if (children.length === 0) return 0;
  const { rows: existing } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referral WHERE type = 'ACCOMMODATION' AND child_id = ANY($1::uuid[])`,
    [children.map((c) => c.child_id)],
  );
  if (existing[0].n > 0) return 0;
  const { rows: users } = await db.query<{ email: string; id: string; organisation_id: string }>(
    `SELECT email, id, organisation_id FROM app_user
      WHERE email LIKE 'accommodation@%.council.example.com' OR email LIKE 'case.manager.1@%.yjs.example.com'`,
  );
  const userOf = (email: string) => users.find((u) => u.email === email);
  const targetsOf = await councilTargets(db, [...new Set(children.map((c) => c.council_id))]);

  await db.query('BEGIN');
  try {
    let made = 0;
    const inArea = new Map<string, number>();
    for (const child of children) {
      const j = inArea.get(child.area) ?? 0;
      inArea.set(child.area, j + 1);
      const stem = child.area.replace(/^LA-/, '').toLowerCase();
      const councilStem = child.council_code.replace(/^LA-/, '').toLowerCase();
      const officer = userOf(`accommodation@${councilStem}.council.example.com`);
      const caseManagerId = child.case_manager_id ?? userOf(`case.manager.1@${stem}.yjs.example.com`)?.id;
      const speed = SPEEDS[areaCodes.indexOf(child.council_code)];
      if (!officer || !caseManagerId || !speed || !child.accommodation_pathway_id) continue;
      const days = (cycle: readonly number[]) => cycle[j % cycle.length];
      const asked = j % ASKED_EVERY === ASKED_EVERY - 2;
      const confirmed = child.arranged_at !== null && child.address !== null && child.start_date !== null;

      // Each move on a working day: the council's at 09:30 London, the service's at 11:00.
      const S = ReferralStatus;
      const byCouncil = (from: ReferralStatus, to: ReferralStatus, day: string, note: string | null = null): Move => ({
        from,
        to,
        at: atLondon(day, 9, 30),
        byCouncil: true,
        note,
      });
      const byService = (from: ReferralStatus, day: string): Move => ({
        from,
        to: S.SENT,
        at: atLondon(day, 11, 0),
        byCouncil: false,
        note: null,
      });
      const place = PLACEMENT[child.kind ?? ''] ?? 'Supported lodgings';
      let moves: Move[];
      let sentOn: string;
      if (confirmed) {
        // Counted back from the confirmation.
        const confirmedOn = lastWorkingDayOnOrBefore(todayIso(child.arranged_at!));
        const offeredOn = addWorkingDays(confirmedOn, -days(speed.confirm));
        const acknowledgedOn = addWorkingDays(offeredOn, -days(speed.offer));
        const resentOn = asked ? addWorkingDays(acknowledgedOn, -days(speed.answer)) : null;
        const askedOn = resentOn ? addWorkingDays(resentOn, -days(SERVICE_ANSWER_DAYS)) : null;
        sentOn = addWorkingDays(askedOn ?? acknowledgedOn, -days(speed.acknowledge));
        moves = [
          byService(S.DRAFT, sentOn),
          ...(askedOn && resentOn
            ? [
                byCouncil(S.SENT, S.INFORMATION_REQUESTED, askedOn, QUESTION),
                byService(S.INFORMATION_REQUESTED, resentOn),
              ]
            : []),
          byCouncil(S.SENT, S.ACKNOWLEDGED, acknowledgedOn),
          byCouncil(
            S.ACKNOWLEDGED,
            S.OFFERED,
            offeredOn,
            `Offered: ${place} at ${child.address} from ${child.start_date}`,
          ),
          byCouncil(S.OFFERED, S.CONFIRMED, confirmedOn),
        ];
      } else {
        // Sent eight weeks before release; acknowledged, then declined at the offer step.
        sentOn = lastWorkingDayOnOrBefore(addDays(child.released_on, -56));
        const acknowledgedOn = addWorkingDays(sentOn, days(speed.acknowledge));
        const declinedOn = addWorkingDays(acknowledgedOn, days(speed.offer));
        moves = [
          byService(S.DRAFT, sentOn),
          byCouncil(S.SENT, S.ACKNOWLEDGED, acknowledgedOn),
          byCouncil(S.ACKNOWLEDGED, S.DECLINED, declinedOn, DECLINE),
        ];
      }
      const createdAt = atLondon(sentOn, 10, 30);
      const last = moves[moves.length - 1];
      const lastSent = [...moves].reverse().find((m) => m.to === ReferralStatus.SENT)!;
      const text = {
        wishes: WISHES[j % WISHES.length],
        family: FAMILY[j % FAMILY.length],
        needs: NEEDS[j % NEEDS.length],
      };
      // What the council was sent (as `send` takes it), the last time it was sent.
      const summary = {
        givenName: child.given_name,
        familyName: child.family_name,
        preferredName: child.preferred_name,
        age: ageOn(child.date_of_birth, todayIso(lastSent.at)),
        gender: child.gender,
        releaseDate: child.expected_release_date,
        establishmentName: child.establishment,
        needsAndRisks: text.needs,
        childWishes: text.wishes,
        familyViews: text.family,
        takenAt: lastSent.at.toISOString(),
      };
      const offer = confirmed
        ? {
            address: child.address,
            type: place,
            provider: `${child.council_name} accommodation team (demo)`,
            start: child.start_date,
          }
        : null;
      const [referral] = (
        await db.query<{ id: string }>(
          `INSERT INTO referral (type, status, child_id, episode_id, plan_id, pathway_id, from_service_id,
                                 to_organisation_id, needs_and_risks, child_wishes, family_views, summary,
                                 offer_address_or_place, offer_placement_type, offer_provider, offer_start_date,
                                 decline_reason, sent_at, confirmed_at, status_since, created_by_id, version,
                                 created_at, updated_at)
           VALUES ('ACCOMMODATION', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17,
                   $18, $19, $20, $21, $22, $19) RETURNING id`,
          [
            last.to,
            child.child_id,
            child.episode_id,
            child.plan_id,
            child.accommodation_pathway_id,
            child.service_id,
            child.council_id,
            text.needs,
            text.wishes,
            text.family,
            JSON.stringify(summary),
            offer?.address ?? null,
            offer?.type ?? null,
            offer?.provider ?? null,
            offer?.start ?? null,
            confirmed ? null : DECLINE,
            lastSent.at,
            confirmed ? last.at : null,
            last.at,
            caseManagerId,
            // One version for its making, one a move.
            1 + moves.length,
            createdAt,
          ],
        )
      ).rows;
      await db.query(
        `INSERT INTO referral_event (referral_id, from_status, to_status, actor_user_id, actor_organisation_id, created_at)
         VALUES ($1, NULL, 'DRAFT', $2, $3, $4)`,
        [referral.id, caseManagerId, child.service_id, createdAt],
      );
      let started = moves[0].at;
      let enteredFrom: ReferralStatus | null = ReferralStatus.DRAFT;
      let status = ReferralStatus.SENT;
      for (const [n, move] of moves.entries()) {
        const [event] = (
          await db.query<{ id: string }>(
            `INSERT INTO referral_event (referral_id, from_status, to_status, actor_user_id, actor_organisation_id, note,
                                         created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [
              referral.id,
              move.from,
              move.to,
              move.byCouncil ? officer.id : caseManagerId,
              move.byCouncil ? officer.organisation_id : child.service_id,
              move.note,
              move.at,
            ],
          )
        ).rows;
        if (move.to === ReferralStatus.INFORMATION_REQUESTED)
          await db.query(
            `INSERT INTO referral_message (referral_id, author_user_id, author_organisation_id, body, event_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6), ($1, $7, $8, $9, NULL, $10)`,
            [
              referral.id,
              officer.id,
              officer.organisation_id,
              QUESTION,
              event.id,
              move.at,
              caseManagerId,
              child.service_id,
              REPLY,
              new Date(moves[n + 1].at.getTime() - 5 * 60_000),
            ],
          );
        // The step the council answered, as `recordAnswered` records it.
        if (move.byCouncil) {
          const due = responseDue({
            status,
            enteredFrom,
            enteredAt: started,
            targets: targetsOf.get(child.council_id)!,
            now: move.at,
          })!;
          await db.query(
            `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id,
                                                 answered_at, due_date, working_days, referral_type)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'ACCOMMODATION')`,
            [
              referral.id,
              started,
              due.step,
              child.council_id,
              child.service_id,
              move.at,
              due.dueDate,
              workingDaysTaken(started, move.at),
            ],
          );
          // The scheduler's notices while the step waited: the reminder on the due day, the escalation the day after.
          const notices = [
            { kind: 'REMINDER', at: due.remindAt },
            { kind: 'ESCALATION', at: due.escalateAt },
          ].filter((x) => x.at.getTime() <= move.at.getTime());
          for (const notice of notices)
            await db.query(
              `INSERT INTO referral_response_notice (referral_id, step_started_at, kind, step, due_date, sent_at)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [referral.id, started, notice.kind, due.step, due.dueDate, notice.at],
            );
        }
        enteredFrom = move.from;
        status = move.to;
        started = move.at;
      }
      made++;
    }
    await db.query('COMMIT');
    return made;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Each council's targets: the national defaults (as saved, else the rules'), overridden step by step by its own. */
async function councilTargets(db: Client, councilIds: readonly string[]): Promise<Map<string, ResponseTargets>> {
  const { rows } = await db.query<{ organisation_id: string | null; step: ResponseStep; working_days: number }>(
    `SELECT organisation_id, step, working_days FROM referral_response_target
      WHERE organisation_id IS NULL OR organisation_id = ANY($1::uuid[])`,
    [[...councilIds]],
  );
  const national: ResponseTargets = { ...DEFAULT_RESPONSE_TARGETS };
  for (const r of rows) if (r.organisation_id === null) national[r.step] = r.working_days;
  const out = new Map(councilIds.map((id) => [id, { ...national }]));
  for (const r of rows) if (r.organisation_id) out.get(r.organisation_id)![r.step] = r.working_days;
  return out;
}
