import { randomUUID } from 'node:crypto';
import { Role } from '@resettle/access';
import { MeasuresService } from '@resettle/milestones';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * The resettlement measures (issue 23, first slice) against a known synthetic cohort, every figure worked out by hand
 * below. The cohort is written straight into the tables as the facts leave them: released episodes (copies of each
 * side's episode, released on a known day) and their milestones, met by a fact on a known day (`met_at`, and for the
 * child told, `evidence.toldOn`), not met, or waived. Period: November 2026 (London days).
 *
 * Side A (8 released in November; one more on 31 October, outside it). R = release day.
 *   child  R      address (days before R)  told (days before R)  ETE place (due R-14)
 *   A1     11-10  10-05 (36)               10-20 (21)            11-02 (late)
 *   A2     11-12  10-10 (33)               10-25 (18)            11-12 (late, on the day)
 *   A3     11-13  10-16 (28)               10-30 (14)            none
 *   A4     11-16  10-20 (27, late)         11-03 (13, late)      11-20 (after release, late)
 *   A5     11-17  11-03 (14, late)         11-03 (14)            11-01 (on time)
 *   A6     11-18  11-18 (0, late)          none                  11-10 (late)
 *   A7     11-19  11-25 (after, late)      none                  waived
 *   A8     11-30* none                     none                  11-27 (late)
 *   * released at 23:30 UTC on 30 November: still 30 November in London. A0 left at 23:30 UTC on 31 October.
 * Side B (12 released on 20 November): address 30 days before (B1–B6), 20 days before (B7–B9, late), 5 days before
 * (B10–B12, late); told 15 days before (B1–B8), never (B9–B12); ETE place 20 days before (B1–B6, on time), none
 * (B7–B12).
 *
 *                                 A: raw → shown            A and B: raw → shown
 *   released                      8 → 8                     20 → 20
 *   address 28+/14–27/0–13/not    3,2,1,2 → all hidden      9,5,4,2 → 9, 5, hidden, hidden
 *   told 14+ / not                4,4 → both hidden         12,8 → 12 (60%), 8
 *   ETE by release / not          5,3 → both hidden (5 secondary)   11,9 → 11 (55%), 9
 *   deadlines (on time, late, not met, waived = total), A and B:
 *     ACCOMMODATION_CONFIRMED     9,10,1,0 = 20 → hidden, 10, hidden, hidden (1 and 0 add to under 5: 9 goes too)
 *     CHILD_TOLD_WHERE_LIVING     12,1,7,0 = 20 → 12, hidden, hidden, hidden
 *     ETE_PLACE_CONFIRMED         7,5,7,1 = 20 → 7, hidden, 7, hidden (the waived 1 alone would be 20-7-5-7)
 *     INITIAL_PLANNING_MEETING    14,3,3,0 = 20 → 14, hidden, hidden, hidden (A8's, with no due date: on time)
 *     PRE_RELEASE_MEETING_HELD    10,4,5,1 = 20 → 10, hidden, 5, hidden (the hidden 4 and 1 add up to 5)
 *     DETENTION_PLACEMENT_PLAN    1,0,0,0 = 1 → all hidden
 *     every other kind            0 → all hidden
 *
 * Their plans and planning meetings (November). Views: the child's own words on every active pathway (ALL), one
 * active pathway with only the reason a view could not be had (REASON), one with a blank view (BLANK), nothing active
 * (INACTIVE), active pathways and no views (NONE), no plan at all (-). Initial meeting due R-150 (10 working days after
 * sentence): held R-152 (on time) or R-140 (late); A8 was released from remand, never sentenced: no initial due date,
 * so the detention placement plan's decides, held R-100. Pre-release due R-28 (20 working days before
 * release): held R-30, R-28 (on the due date: in time) or R-10 (late); A8's has no due date, held R-10 (by release).
 *   child  views     explained       agreed            initial     pre-release
 *   A1     ALL       10-20           10-22             on time     on time
 *   A2     ALL       10-25           10-25             on time     on time
 *   A3     ALL       10-30           11-14 (after R)   on time     late
 *   A4     REASON    11-03           -                 on time     on the due date
 *   A5     BLANK     11-17 (on R)    -                 on time     waived
 *   A6     -         -               -                 late        not held
 *   A7     INACTIVE  11-25 (after R) -                 not held    not held
 *   A8     ALL       -               -                 remand: in time   no due date, held by release
 * B1–B9 ALL, B10–B12 NONE; all explained R-20; B1–B7 agreed R-18; initial on time B1–B8, late B9–B10, not held
 * B11–B12; pre-release on time B1–B6, late B7–B9, not held B10–B12.
 *
 *                                 A: raw → shown            B: raw → shown           A and B: raw → shown
 *   views on every pathway / not  4,4 → both hidden         9,3 → both hidden        13,7 → 13 (65%), 7
 *   explained by release / not    5,3 → both hidden         12,0 → both hidden       17,3 → both hidden
 *   agreed by release / not       2,6 → both hidden         7,5 → 7 (58%), 5         9,11 → 9 (45%), 11
 *   initial meeting in time / not 6,2 → both hidden         8,4 → both hidden        14,6 → 14 (70%), 6
 *   pre-release in time / not     4,4 → both hidden         6,6 → 6 (50%), 6         10,10 → 10 (50%), 10
 *
 * Escalations (`milestone_escalation`), November: each ACCOMMODATION_CONFIRMED deadline met late or not met reached
 * level 1; side B's late ones (B7–B12) level 2 as well; A8's, never met, level 3. A4's also reached level 2 for an
 * earlier due date (its release date moved): the highest level of any due date counts. By the highest level reached:
 *                                 A: raw → shown            A and B: raw → shown
 *   none / 1 / 2 / 3 = total      3,3,1,1 = 8 → all cells hidden, 8     9,3,7,1 = 20 → 9, hidden ×3, 20 (3 and 1
 *                                                           add up to under 5: the 7 goes too)
 *   every other kind: never escalated, e.g. CHILD_TOLD_WHERE_LIVING 20,0,0,0 = 20 → every cell hidden (the zeros
 *   would give the 20 away), 20
 * All kinds together (the last row, suppressed with the kinds as one table, `suppressTable`): the kinds are
 * DETENTION_PLACEMENT_PLAN 1,0,0,0 = 1 (A8's), INITIAL_PLANNING_MEETING, CHILD_TOLD_WHERE_LIVING, ETE_PLACE_CONFIRMED,
 * PRE_RELEASE_MEETING_HELD each 20,0,0,0 (A: 8,0,0,0), ACCOMMODATION_CONFIRMED as above, the other seven kinds none.
 *                                 A: raw → shown            A and B: raw → shown
 *   all kinds                     36,3,1,1 = 41             90,3,7,1 = 101
 *                                   → 36, hidden ×3 (5:       → 90, hidden ×3 (3 and 1 add up to under 5: the 7
 *                                   safe), total hidden       goes too), total hidden
 *   The grand total is hidden in both: the kinds' totals are published (here and in the deadlines), and 41 (101) less
 *   the kinds' shown would give the hidden ones away (1 and zeros: under 5). Each column is safe: every count of a
 *   hidden column total is hidden too, and the never-escalated column hides 36 (81) beside its shown 3 (9).
 *
 * Case managers (`case_manager_assignment`, X and Y two people), November, changes to the day of release:
 *   A1 X (0)   A2 X, Y (1)   A3 X, Y, X (2)   A4 X, then Y 5 days after release (0)   A5 X, Y on the day of release (1)
 *   A6–A8 nobody allocated;  B1–B6 X (0);  B7–B12 X, Y (1)
 *                                 A: raw → shown            B: raw → shown          A and B: raw → shown
 *   none / 0 / 1 / 2+             3,2,2,1 → all hidden      0,6,6,0 → hidden, hidden, 6, hidden (0 and 0 add up
 *                                                           to under 5: the first 6 goes too)
 *                                                                                   3,8,8,1 → hidden, hidden, 8,
 *                                                                                   hidden (3 and 1: the first 8)
 * Interventions repeated: side A's child did "Knife Crime Awareness" on an earlier order, side B's "Victim
 * awareness". A1 plans "knife-crime  awareness" (the same, typed otherwise), A2 "Knife crime awareness" (done: still
 * repeated), A3 "Anger management", A4 "Victim awareness" (B's child's, not A's); B1–B5 "Victim Awareness", B6
 * "Victim awareness course" (another name).
 *   repeated / not                2,6 → both hidden         5,7 → 5 (42%), 7        7,13 → 7 (35%), 13
 *
 * The scopes (November). Side A's children left side A's establishment, and B1–B4 did too (B5–B12 left side B's);
 * A1–A8's home is side A's local authority, and so is B9–B12's (a child of their own), B1–B8's side B's. Side A's
 * service is in Yorkshire and the Humber, side B's in Wales.
 *   scope                          released  figure by hand                                  shown
 *   establishment A (A1–8, B1–4)   12        address 28+/14–27/0–13/not: 3+4, 2, 1, 2 = 7,2,1,2   7 (58%), the rest
 *                                            (the hidden add up to 5: 7 stays)                    hidden
 *                                            agreed by release / not: 2+4, 6 = 6,6                6 (50%), 6
 *   local authority A (A1–8, B9–12) 12       ETE by release / not: 5+0, 3+4 = 5,7                 5 (42%), 7
 *                                            initial meeting in time / not: 6+0, 2+4 = 6,6        6 (50%), 6
 *                                            views on every pathway / not: 4+1 (B9), 4+3 = 5,7    5 (42%), 7
 *   region Wales (side B's service) 12       as side B's service: address 6,3,3,0; agreed 7,5     6, hidden ×3; 7, 5
 *   region Yorkshire and the Humber 8        as side A's service
 *   region London                  0         nobody                                              fewer than 5
 *   England and Wales              20        as all                                              20
 * This branch's figures by scope, recomputed for that cohort (the rows above, each child where the scopes put them):
 *   establishment A (A1–8, B1–4)   case manager none/0/1/2+: 3, 2+4 (B1–B4 X throughout), 2, 1 = 3,6,2,1
 *                                    → 6 (50%), the rest hidden (3, 2 and 1 add up to 6: nothing more)
 *                                  repeated / not: 2+4 (B1–B4 "Victim Awareness", side B's child's), 6 = 6,6 → 6, 6
 *                                  ACCOMMODATION_CONFIRMED escalated none/1/2/3: 3+4 (B1–B4 on time), 3, 1, 1 =
 *                                    7,3,1,1 = 12 → 7, hidden ×3, 12 (the hidden add up to 5: 7 stays); all kinds
 *                                    56,3,1,1 = 61 (A8's plan, four kinds of 12) → 56, hidden ×3, total hidden
 *                                  plan (the trend's month): views 4+4 = 8, explained 5+4 = 9, agreed 2+4 = 6
 *   local authority A (A1–8, B9–12) case manager: 3, 2, 2+4 (B9–B12 X, Y), 1 = 3,2,6,1 → 6 (50%), the rest hidden
 *                                  repeated / not: 2, 6+4 (B9–B12 plan none; their child of their own did none
 *                                    earlier either) = 2,10 → both hidden (10 would give the 2 away)
 *                                  escalated: 3, 3, 1+4 (B9–B12 late, side B's: level 2), 1 = 3,3,5,1 = 12
 *                                    → hidden, hidden, 5, hidden, 12 as a row alone; but all kinds (the other kinds
 *                                    as establishment A's, 12 children) are 52,3,5,1 = 61: its 3 and 1 add up to
 *                                    under 5, so its 5 is hidden, and then the level-2 column would show this 5
 *                                    beside zeros (the hidden total at least 5: the all-kinds 3 and 1 known to be
 *                                    4 at most) → all hidden, 12; all kinds 52, hidden ×3, total hidden
 *                                  plan: views 4+1 (B9) = 5, explained 5+4 = 9, agreed 2+0 = 2
 *   region Wales (side B's service) as side B's service: case manager 0,6,6,0 → hidden, hidden, 6, hidden; repeated
 *                                  5,7 → 5 (42%), 7; escalated 6,0,6,0 = 12 → the zeros and the first 6 hidden, 6, 12
 *                                  as a row alone; all kinds 54,0,6,0 = 60 (no detention placement plan) hide their
 *                                  6 beside the zeros, and the level-2 column then hides this 6 too (beside the
 *                                  other kinds' zeros it would give the all-kinds zeros away) → all hidden, 12; all
 *                                  kinds 54, hidden ×3, total hidden
 * What happened at release (November; planning's facts, each on a London day; A6 has no plan, so none of them):
 * the first night (the release record, written after release: as planned, not, or no record), ETE started as
 * planned (the record says so, and a place was recorded by the day of release), every health pathway needing one
 * handed over (physical health always, mental health and substance misuse unless their need is NONE), the release-day
 * plan confirmed (its confirmation's day).
 *   child  first night  ETE place recorded (start)  started as planned   health handovers             release-day plan
 *   A1     yes          11-02 (11-16)                yes                  all 3 R-10                   R-2
 *   A2     yes          11-12, on R (11-19)          yes                  2 R-3, substance need NONE   on R
 *   A3     no           none                         yes (no place)       2, substance unassessed      R+1
 *   A4     yes          11-20, after R               yes                  2 R-5, substance R+2         not confirmed
 *   A5     no record    11-01 (11-20)                (no record)          all 3 on R                   R-1
 *   A7     yes          none                         yes (no place)       none                         none
 *   A8     yes          11-27 (12-02)                not yet known        none                         on R (23:00 UTC)
 *   B1–B6: first night yes, place R-20 (start R+3), started yes (B6 no), all 3 handovers R-5, plan confirmed R-1;
 *   B7: first night yes, no place but "started" yes, physical health only, confirmed R-1; B8–B10: first night no,
 *   started not known, no handovers, confirmed R-1 (B10 unconfirmed); B11–B12: no record, nothing.
 *                                 A: raw → shown            B: raw → shown           A and B: raw → shown
 *   first night as planned / not  5,3 → both hidden         7,5 → 7 (58%), 5         12,8 → 12 (60%), 8
 *   ETE started as planned / not  2,6 → both hidden         5,7 → 5 (42%), 7         7,13 → 7 (35%), 13
 *   health handover by R / not    3,5 → both hidden         6,6 → 6 (50%), 6         9,11 → 9 (45%), 11
 *   release-day plan by R / not   4,4 → both hidden         9,3 → both hidden        13,7 → 13 (65%), 7
 * None of the service and England and Wales figures above changed with the scopes: moving B1–B4's establishment and
 * B9–B12's child changes no service, no case manager, no escalation and no plan; B9–B12 plan no intervention, so
 * giving them a child of their own (with no earlier interventions) leaves side B's repeated at 5 (B1–B5).
 */
describe('resettlement measures (issue 23)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let admin: Session;
  let managerA: Session;

  const F = 'fewer than 5';
  const QUERY = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    from to youthJusticeServiceId released { value suppressed display }
    accommodation { key numerator { value display } denominator { value display } percentage }
    childTold { key numerator { value display } denominator { value display } percentage }
    ete { key numerator { value display } denominator { value display } percentage }
    planViews { key label numerator { value display } percentage }
    planExplained { key label numerator { value display } percentage }
    planAgreed { key label numerator { value display } percentage }
    initialMeeting { key label numerator { value display } percentage }
    preReleaseMeeting { key label numerator { value display } percentage }
    caseManagerChanges { key label numerator { value display } percentage }
    interventionRepeated { key label numerator { value display } percentage }
    firstNight { key label numerator { value display } percentage }
    eteStarted { key label numerator { value display } percentage }
    healthHandover { key label numerator { value display } percentage }
    releaseDayPlan { key label numerator { value display } percentage }
    deadlines { key metOnTime { display } metLate { display } notMet { display } waived { display } total { display } }
    escalations { key notEscalated { display } level1 { display } level2 { display } level3 { display } total { display } }
  } }`;
  const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
  const shown = (figures: { numerator: { display: string } }[]) => figures.map((f) => f.numerator.display);
  const deadline = (rows: { key: string; [k: string]: unknown }[], key: string) => {
    const row = rows.find((r) => r.key === key) as Record<string, { display: string }>;
    return [row.metOnTime, row.metLate, row.notMet, row.waived, row.total].map((c) => c.display);
  };
  /** A kind's escalations as published; `null`: all kinds together. */
  const escalation = (rows: { key: string | null; [k: string]: unknown }[], key: string | null) => {
    const row = rows.find((r) => r.key === key) as Record<string, { display: string }>;
    return [row.notEscalated, row.level1, row.level2, row.level3, row.total].map((c) => c.display);
  };

  /** A London day at 10:00 (GMT in November, BST before 25 October). */
  const at = (day: string) => `${day}T10:00:00+${day < '2026-10-25' ? '01' : '00'}:00`;
  const minus = (day: string, n: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  async function release(
    side: 'a' | 'b',
    releasedAt: string,
    releaseDay: string,
  ): Promise<{ id: string; childId: string }> {
    const id = randomUUID();
    const [row] = await t.dataSource.query(
      `INSERT INTO custodial_episode
         SELECT (jsonb_populate_record(e, jsonb_build_object('id', $2::uuid, 'status', 'RELEASED',
                 'released_at', $3::timestamptz, 'expected_release_date', $4::date))).*
           FROM custodial_episode e WHERE e.id = $1
       RETURNING id, child_id`,
      [w[side].episode.id, id, releasedAt, releaseDay],
    );
    return { id: row.id, childId: row.child_id };
  }

  /** A milestone of the episode: met on `metOn` (a London day), not met, or waived. */
  async function milestone(
    episode: { id: string; childId: string },
    key: string,
    dueDate: string | null,
    outcome: { metOn: string; toldOn?: string } | 'PENDING' | 'WAIVED',
  ) {
    const met = typeof outcome === 'object';
    await t.dataSource.query(
      `INSERT INTO milestone (episode_id, child_id, key, due_date, status, met_at, evidence, waived_reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
      [
        episode.id,
        episode.childId,
        key,
        dueDate,
        met ? 'MET' : outcome,
        met ? at(outcome.metOn) : null,
        met ? { type: 'Synthetic', id: randomUUID(), at: at(outcome.metOn), toldOn: outcome.toldOn } : null,
        outcome === 'WAIVED' ? 'Synthetic cohort' : null,
      ],
    );
  }

  /** One released child: the day they left, and the day each fact was recorded (null: never). */
  async function child(
    side: 'a' | 'b',
    r: string,
    facts: { address: string | null; told: string | null; ete: string | 'WAIVED' | null },
    releasedAt = at(r),
  ): Promise<{ id: string; childId: string }> {
    const episode = await release(side, releasedAt, r);
    await milestone(
      episode,
      'ACCOMMODATION_CONFIRMED',
      minus(r, 28),
      facts.address ? { metOn: facts.address } : 'PENDING',
    );
    await milestone(
      episode,
      'CHILD_TOLD_WHERE_LIVING',
      minus(r, 14),
      facts.told ? { metOn: facts.told, toldOn: facts.told } : 'PENDING',
    );
    await milestone(
      episode,
      'ETE_PLACE_CONFIRMED',
      minus(r, 14),
      facts.ete === 'WAIVED' ? 'WAIVED' : facts.ete ? { metOn: facts.ete } : 'PENDING',
    );
    return episode;
  }

  type Views = 'ALL' | 'REASON' | 'BLANK' | 'INACTIVE' | 'NONE';
  /**
   * The episode's plan as the planning service leaves it: explained on a day, agreed on a day (status AGREED), and
   * its pathways: accommodation IN_PROGRESS, ETE ARRANGED and family SUPPORT_DECLINED are active (each with the
   * child's view, but as `views` says), finance SUPPORT_NOT_REQUIRED and the rest NOT_STARTED are not.
   */
  async function planOf(
    episode: { id: string; childId: string },
    views: Views,
    explainedOn: string | null,
    agreedOn: string | null,
  ) {
    const [plan] = await t.dataSource.query(
      `INSERT INTO resettlement_plan (episode_id, child_id, status, explained_on, explained_how, child_agreement,
                                      child_agreement_words, agreed_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`,
      [
        episode.id,
        episode.childId,
        agreedOn ? 'AGREED' : 'DRAFT',
        explainedOn,
        explainedOn ? 'Went through it together' : null,
        explainedOn ? 'AGREES' : null,
        explainedOn ? 'Yes, that works' : null,
        agreedOn ? at(agreedOn) : null,
      ],
    );
    const active = views !== 'INACTIVE';
    const pathways: [string, string, string | null, string | null][] = [
      ['ACCOMMODATION', active ? 'IN_PROGRESS' : 'NOT_STARTED', views === 'NONE' ? null : 'Near my mum', null],
      [
        'EDUCATION_TRAINING_EMPLOYMENT',
        active ? 'ARRANGED' : 'SUPPORT_NOT_REQUIRED',
        views === 'ALL' ? 'I want to do a plumbing course' : views === 'BLANK' ? '   ' : null,
        views === 'REASON' ? 'Too unwell to talk about it this week' : null,
      ],
      [
        'FAMILY_AND_RELATIONSHIPS',
        active ? 'SUPPORT_DECLINED' : 'NOT_STARTED',
        active && views !== 'NONE' ? 'No thanks' : null,
        null,
      ],
      ['FINANCE_BENEFITS_ID', 'SUPPORT_NOT_REQUIRED', null, null],
      ['SUBSTANCE_MISUSE', 'NOT_STARTED', null, null],
    ];
    for (const [type, status, view, reason] of pathways)
      await t.dataSource.query(
        `INSERT INTO pathway (plan_id, type, status, child_view, child_view_unavailable_reason, version)
         VALUES ($1, $2, $3, $4, $5, 1)`,
        [plan.id, type, status, view, reason],
      );
  }

  type Held = 'ON_TIME' | 'ON_THE_DUE_DATE' | 'LATE' | 'NOT_HELD' | 'WAIVED';
  /** The planning meetings' milestones: initial due R-150 (held R-152 or R-140), pre-release due R-28. */
  async function meetings(episode: { id: string; childId: string }, r: string, initial: Held, preRelease: Held) {
    const outcome = (due: string, held: Held, onTime: number, late: number) =>
      held === 'NOT_HELD'
        ? 'PENDING'
        : held === 'WAIVED'
          ? 'WAIVED'
          : { metOn: held === 'ON_THE_DUE_DATE' ? due : minus(r, held === 'ON_TIME' ? onTime : late) };
    await milestone(episode, 'INITIAL_PLANNING_MEETING', minus(r, 150), outcome(minus(r, 150), initial, 152, 140));
    await milestone(episode, 'PRE_RELEASE_MEETING_HELD', minus(r, 28), outcome(minus(r, 28), preRelease, 30, 10));
  }

  /**
   * A child of their own (a copy of side A's, with this ethnicity key), released from side A's service on
   * `r`, with the address confirmed on `address` or never; nothing else met (its plan, if any, `planOf`'s).
   */
  let copies = 0;
  async function childOf(ethnicity: string, r: string, address: string | null) {
    const childId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO child
         SELECT (jsonb_populate_record(c, jsonb_build_object('id', $2::uuid, 'external_reference', $3::text,
                 'ethnicity', $4::text, 'date_of_birth', '2010-03-01'::date))).*
           FROM child c WHERE c.id = $1`,
      [w.a.child.id, childId, `MEASURES-${++copies}`, ethnicity],
    );
    const episode = await release('a', at(r), r);
    await t.dataSource.query(`UPDATE custodial_episode SET child_id = $2 WHERE id = $1`, [episode.id, childId]);
    await milestone(
      { id: episode.id, childId },
      'ACCOMMODATION_CONFIRMED',
      minus(r, 28),
      address ? { metOn: address } : 'PENDING',
    );
    return { id: episode.id, childId };
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    admin = w.sessions[Role.NATIONAL_ADMIN];
    managerA = w.sessions[Role.YJS_MANAGER];
    await child(
      'a',
      '2026-10-31',
      { address: '2026-10-01', told: '2026-10-02', ete: '2026-10-03' },
      '2026-10-31T23:30:00Z',
    );
    const a1 = await child('a', '2026-11-10', { address: '2026-10-05', told: '2026-10-20', ete: '2026-11-02' });
    await planOf(a1, 'ALL', '2026-10-20', '2026-10-22');
    await meetings(a1, '2026-11-10', 'ON_TIME', 'ON_TIME');
    const a2 = await child('a', '2026-11-12', { address: '2026-10-10', told: '2026-10-25', ete: '2026-11-12' });
    await planOf(a2, 'ALL', '2026-10-25', '2026-10-25');
    await meetings(a2, '2026-11-12', 'ON_TIME', 'ON_TIME');
    const a3 = await child('a', '2026-11-13', { address: '2026-10-16', told: '2026-10-30', ete: null });
    await planOf(a3, 'ALL', '2026-10-30', '2026-11-14');
    await meetings(a3, '2026-11-13', 'ON_TIME', 'LATE');
    const a4 = await child('a', '2026-11-16', { address: '2026-10-20', told: '2026-11-03', ete: '2026-11-20' });
    await planOf(a4, 'REASON', '2026-11-03', null);
    await meetings(a4, '2026-11-16', 'ON_TIME', 'ON_THE_DUE_DATE');
    const a5 = await child('a', '2026-11-17', { address: '2026-11-03', told: '2026-11-03', ete: '2026-11-01' });
    await planOf(a5, 'BLANK', '2026-11-17', null);
    await meetings(a5, '2026-11-17', 'ON_TIME', 'WAIVED');
    const a6 = await child('a', '2026-11-18', { address: '2026-11-18', told: null, ete: '2026-11-10' });
    await meetings(a6, '2026-11-18', 'LATE', 'NOT_HELD');
    const a7 = await child('a', '2026-11-19', { address: '2026-11-25', told: null, ete: 'WAIVED' });
    await planOf(a7, 'INACTIVE', '2026-11-25', null);
    await meetings(a7, '2026-11-19', 'NOT_HELD', 'NOT_HELD');
    const a8 = await child('a', '2026-11-30', { address: null, told: null, ete: '2026-11-27' }, '2026-11-30T23:30:00Z');
    await planOf(a8, 'ALL', null, null);
    // Released from remand, never sentenced: the initial meeting has no due date, the detention placement plan has.
    await milestone(a8, 'INITIAL_PLANNING_MEETING', null, { metOn: minus('2026-11-30', 100) });
    await milestone(a8, 'DETENTION_PLACEMENT_PLAN', minus('2026-11-30', 95), { metOn: minus('2026-11-30', 100) });
    await milestone(a8, 'PRE_RELEASE_MEETING_HELD', null, { metOn: minus('2026-11-30', 10) });
    const bs: { id: string; childId: string }[] = [];
    for (let i = 1; i <= 12; i++) {
      const r = '2026-11-20';
      const b = await child('b', r, {
        address: minus(r, i <= 6 ? 30 : i <= 9 ? 20 : 5),
        told: i <= 8 ? minus(r, 15) : null,
        ete: i <= 6 ? minus(r, 20) : null,
      });
      await planOf(b, i <= 9 ? 'ALL' : 'NONE', minus(r, 20), i <= 7 ? minus(r, 18) : null);
      await meetings(
        b,
        r,
        i <= 8 ? 'ON_TIME' : i <= 10 ? 'LATE' : 'NOT_HELD',
        i <= 6 ? 'ON_TIME' : i <= 9 ? 'LATE' : 'NOT_HELD',
      );
      bs.push(b);
    }
    // The other scopes (see the header): B1–B4 left side A's establishment; B9–B12 are a child whose home is side A's
    // local authority; side A's service is in Yorkshire and the Humber, side B's in Wales; side A's council's lead is
    // its children's services user.
    await t.dataSource.query(`UPDATE custodial_episode SET current_establishment_id = $2 WHERE id = ANY($1)`, [
      bs.slice(0, 4).map((b) => b.id),
      w.a.establishment.id,
    ]);
    const homeInA = randomUUID();
    await t.dataSource.query(
      `INSERT INTO child
         SELECT (jsonb_populate_record(c, jsonb_build_object('id', $2::uuid, 'external_reference', 'MEASURES-HOME-A',
                 'home_authority_id', $3::uuid))).*
           FROM child c WHERE c.id = $1`,
      [w.b.child.id, homeInA, w.a.localAuthority.id],
    );
    for (const table of ['custodial_episode', 'milestone', 'resettlement_plan'])
      await t.dataSource.query(
        `UPDATE ${table} SET child_id = $2 WHERE ${table === 'custodial_episode' ? 'id' : 'episode_id'} = ANY($1)`,
        [bs.slice(8).map((b) => b.id), homeInA],
      );
    await t.dataSource.query(`UPDATE organisation SET region = $2 WHERE id = $1`, [
      w.a.youthJusticeService.id,
      'Yorkshire and the Humber',
    ]);
    await t.dataSource.query(`UPDATE organisation SET region = 'Wales' WHERE id = $1`, [w.b.youthJusticeService.id]);
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      w.a.localAuthority.id,
      w.sessions[Role.LA_CHILDRENS_SERVICES].userId,
    ]);
    // Case managers and interventions (see the header).
    const [x, y] = [w.a.colleagueOf[w.a.youthJusticeService.id].id, w.b.colleagueOf[w.b.youthJusticeService.id].id];
    const assigned = async (episode: { id: string }, ...who: [string, string][]) => {
      for (const [person, on] of who)
        await t.dataSource.query(
          `INSERT INTO case_manager_assignment (episode_id, case_manager_id, assigned_from) VALUES ($1, $2, $3)`,
          [episode.id, person, at(on)],
        );
    };
    await assigned(a1, [x, '2026-09-01']);
    await assigned(a2, [x, '2026-09-01'], [y, '2026-10-15']);
    await assigned(a3, [x, '2026-09-01'], [y, '2026-10-15'], [x, '2026-11-01']);
    await assigned(a4, [x, '2026-09-01'], [y, '2026-11-21']);
    await assigned(a5, [x, '2026-09-01'], [y, '2026-11-17']);
    for (const [i, b] of bs.entries())
      await assigned(b, [x, '2026-09-01'], ...(i >= 6 ? ([[y, '2026-10-01']] as [string, string][]) : []));
    for (const [childId, name] of [
      [w.a.child.id, 'Knife Crime Awareness'],
      [w.b.child.id, 'Victim awareness'],
    ])
      await t.dataSource.query(`INSERT INTO prior_intervention (child_id, name, version) VALUES ($1, $2, 1)`, [
        childId,
        name,
      ]);
    const planned = async (episode: { id: string }, intervention: string, doneOn: string | null = null) =>
      t.dataSource.query(
        `INSERT INTO pathway_action (pathway_id, description, intervention, done_on, version)
         SELECT w.id, 'A course', $2, $3, 1 FROM pathway w JOIN resettlement_plan p ON p.id = w.plan_id
          WHERE p.episode_id = $1 AND w.type = 'ACCOMMODATION'`,
        [episode.id, intervention, doneOn],
      );
    await planned(a1, 'knife-crime  awareness');
    await planned(a2, 'Knife crime awareness', '2026-11-01');
    await planned(a3, 'Anger management');
    await planned(a4, 'Victim awareness');
    for (const b of bs.slice(0, 5)) await planned(b, 'Victim Awareness');
    await planned(bs[5], 'Victim awareness course');
    // What happened at release (see the header): a release record (first night, ETE started; none: undefined), an
    // ETE place (recorded on, starts on), health handovers (pathway, day), the release-day plan (confirmed at; null:
    // not confirmed; undefined: none), and a substance misuse need of NONE.
    const atRelease = async (
      episode: { id: string },
      facts: {
        firstNight?: boolean;
        eteStarted?: boolean | null;
        ete?: [string, string];
        health?: [string, string][];
        dayPlan?: string | null;
        noSubstanceNeed?: boolean;
      },
    ) => {
      const [{ id: planId }] = await t.dataSource.query(`SELECT id FROM resettlement_plan WHERE episode_id = $1`, [
        episode.id,
      ]);
      if (facts.firstNight !== undefined)
        await t.dataSource.query(
          `INSERT INTO release_record (plan_id, released_at, met_at_gate, first_night_address,
                                       first_night_placement_type, first_night_as_planned, ete_started_as_planned,
                                       version)
           SELECT $1, e.released_at, true, '1 High Street', 'FAMILY_HOME', $3, $4, 1
             FROM custodial_episode e WHERE e.id = $2`,
          [planId, episode.id, facts.firstNight, facts.eteStarted ?? null],
        );
      if (facts.ete)
        await t.dataSource.query(
          `INSERT INTO ete_placement (plan_id, provider, start_date, hours_per_week, confirmed_by, created_at)
           VALUES ($1, 'Leeds College', $3, 16, 'Sam, tutor', $2)`,
          [planId, at(facts.ete[0]), facts.ete[1]],
        );
      for (const [pathway, on] of facts.health ?? [])
        await t.dataSource.query(
          `INSERT INTO health_handover (plan_id, pathway_type, receiving_provider, first_appointment_on, created_at)
           VALUES ($1, $2, 'Park Surgery', $3, $4)`,
          [planId, pathway, minus(on, -7), at(on)],
        );
      if (facts.dayPlan !== undefined)
        await t.dataSource.query(`INSERT INTO release_day_plan (plan_id, confirmed_at, version) VALUES ($1, $2, 1)`, [
          planId,
          facts.dayPlan && (facts.dayPlan.includes('T') ? facts.dayPlan : at(facts.dayPlan)),
        ]);
      if (facts.noSubstanceNeed)
        await t.dataSource.query(
          `UPDATE pathway SET need_level = 'NONE' WHERE plan_id = $1 AND type = 'SUBSTANCE_MISUSE'`,
          [planId],
        );
    };
    const handovers = (on: string, types = ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE']) =>
      types.map((type) => [type, on] as [string, string]);
    await atRelease(a1, {
      firstNight: true,
      eteStarted: true,
      ete: ['2026-11-02', '2026-11-16'],
      health: handovers(minus('2026-11-10', 10)),
      dayPlan: minus('2026-11-10', 2),
    });
    await atRelease(a2, {
      firstNight: true,
      eteStarted: true,
      ete: ['2026-11-12', '2026-11-19'],
      health: handovers(minus('2026-11-12', 3), ['PHYSICAL_HEALTH', 'MENTAL_HEALTH']),
      noSubstanceNeed: true,
      dayPlan: '2026-11-12',
    });
    await atRelease(a3, {
      firstNight: false,
      eteStarted: true,
      health: handovers(minus('2026-11-13', 4), ['PHYSICAL_HEALTH', 'MENTAL_HEALTH']),
      dayPlan: '2026-11-14',
    });
    await atRelease(a4, {
      firstNight: true,
      eteStarted: true,
      ete: ['2026-11-20', '2026-11-23'],
      health: [
        ...handovers(minus('2026-11-16', 5), ['PHYSICAL_HEALTH', 'MENTAL_HEALTH']),
        ['SUBSTANCE_MISUSE', '2026-11-18'],
      ],
      dayPlan: null,
    });
    await atRelease(a5, { ete: ['2026-11-01', '2026-11-20'], health: handovers('2026-11-17'), dayPlan: '2026-11-16' });
    await atRelease(a7, { firstNight: true, eteStarted: true });
    await atRelease(a8, {
      firstNight: true,
      eteStarted: null,
      ete: ['2026-11-27', '2026-12-02'],
      dayPlan: '2026-11-30T23:00:00Z',
    });
    for (const [i, b] of bs.entries()) {
      const n = i + 1;
      const r = '2026-11-20';
      await atRelease(b, {
        firstNight: n <= 12 - 2 ? n <= 7 : undefined,
        eteStarted: n <= 7 ? n !== 6 : null,
        ete: n <= 6 ? [minus(r, 20), minus(r, -3)] : undefined,
        health: n <= 6 ? handovers(minus(r, 5)) : n === 7 ? handovers(minus(r, 5), ['PHYSICAL_HEALTH']) : [],
        dayPlan: n <= 9 ? minus(r, 1) : n === 10 ? null : undefined,
      });
    }
    // The escalations (see the header): late or never met, level 1; side B's late, 2; never met, 3.
    await t.dataSource.query(
      `INSERT INTO milestone_escalation (milestone_id, due_date, level)
       SELECT m.id, m.due_date, l.level
         FROM milestone m JOIN custodial_episode e ON e.id = m.episode_id
        CROSS JOIN generate_series(1, CASE WHEN m.status = 'PENDING' THEN 3
                                           WHEN e.supervising_service_id = $1 THEN 2 ELSE 1 END) AS l(level)
        WHERE m.key = 'ACCOMMODATION_CONFIRMED'
          AND e.released_at >= '2026-11-01T00:00:00Z' AND e.released_at < '2026-12-01T00:00:00Z'
          AND (m.status = 'PENDING' OR (m.met_at AT TIME ZONE 'Europe/London')::date > m.due_date)`,
      [w.b.youthJusticeService.id],
    );
    await t.dataSource.query(
      `INSERT INTO milestone_escalation (milestone_id, due_date, level)
       SELECT id, due_date - 7, 2 FROM milestone WHERE episode_id = $1 AND key = 'ACCOMMODATION_CONFIRMED'`,
      [a4.id],
    );
    // The breakdown cohort, September 2026 (side A, all 16 on the day of release, released on the 15th):
    //   ethnic group  released  address 14+ days before   shown (released; address)
    //   White         12        7 (58%)                    12; 7, rate 1 (the largest group)
    //   Mixed         8         4                          hidden: hides Asian's size from the total; 4 and 4
    //   Asian         2         1                          hidden (small)
    //   Black         10        5 (50%)                    10; 5, relative rate 0.50 / 0.58 = 0.86
    // Hidden yes cells add up to 5 (4 + 1), and the no cells too: nothing more need be hidden. No child was told
    // or had a place: every yes is 0, so each group's figure is hidden.
    // Their plans: 6 White children's explained and agreed with their views (ALL), 5 Black children's explained only
    // (no views); no other plan. Explained (yes, no): White 6, 6; Mixed 0, 8 and Asian 0, 2 (hidden: their sizes
    // are); Black 5, 5. The yes column then holds 0 and 0 hidden, adding up to under 5: Black's 5 goes, and its
    // row's other 5 with it. White's 6 (50%) is shown, rate 1. Views and agreed: White 6 of 12, every other group
    // 0: the zeros hide White's 6, then its other 6 and Black's 10 without: all hidden.
    const r = '2026-09-15';
    for (const [ethnicity, released, yes] of [
      ['WHITE_BRITISH', 12, 7],
      ['MIXED_OTHER', 8, 4],
      ['ASIAN_PAKISTANI', 2, 1],
      ['BLACK_CARIBBEAN', 10, 5],
    ] as const)
      for (let i = 0; i < released; i++) {
        const episode = await childOf(ethnicity, r, i < yes ? minus(r, 20) : null);
        if (ethnicity === 'WHITE_BRITISH' && i < 6) await planOf(episode, 'ALL', minus(r, 20), minus(r, 18));
        if (ethnicity === 'BLACK_CARIBBEAN' && i < 5) await planOf(episode, 'NONE', minus(r, 20), null);
      }
  });
  afterAll(async () => t?.stop());

  it('counts every figure in PostgreSQL, by hand (before suppression)', async () => {
    const measures = t.app.get(MeasuresService);
    const all = (await measures.measure(NOVEMBER, null)).counts;
    expect(all).toMatchObject({ released: 20, address: [9, 5, 4, 2], toldAtLeast14: 12, eteByRelease: 11 });
    const byKey = Object.fromEntries(all.deadlines.map((d) => [d.key, [d.metOnTime, d.metLate, d.notMet, d.waived]]));
    expect(byKey).toMatchObject({
      ACCOMMODATION_CONFIRMED: [9, 10, 1, 0],
      CHILD_TOLD_WHERE_LIVING: [12, 1, 7, 0],
      ETE_PLACE_CONFIRMED: [7, 5, 7, 1],
      INITIAL_PLANNING_MEETING: [14, 3, 3, 0],
      PRE_RELEASE_MEETING_HELD: [10, 4, 5, 1],
      DETENTION_PLACEMENT_PLAN: [1, 0, 0, 0],
      HEALTH_HANDOVER_ARRANGED: [0, 0, 0, 0],
    });
    expect(all.plan).toEqual({
      viewsEveryPathway: 13,
      explained: 17,
      agreed: 9,
      initialMeetingInTime: 14,
      preReleaseMeetingInTime: 10,
    });
    const escalated = (counts: typeof all, key: string) => counts.deadlines.find((d) => d.key === key)!.escalated;
    expect(escalated(all, 'ACCOMMODATION_CONFIRMED')).toEqual([9, 3, 7, 1]);
    expect(escalated(all, 'CHILD_TOLD_WHERE_LIVING')).toEqual([20, 0, 0, 0]);
    const a = (await measures.measure(NOVEMBER, { supervisingServiceIds: [w.a.youthJusticeService.id] })).counts;
    expect(a).toMatchObject({ released: 8, address: [3, 2, 1, 2], toldAtLeast14: 4, eteByRelease: 5 });
    expect(escalated(a, 'ACCOMMODATION_CONFIRMED')).toEqual([3, 3, 1, 1]);
    expect([all.caseManagerChanges, all.interventionRepeated]).toEqual([[3, 8, 8, 1], 7]);
    expect([a.caseManagerChanges, a.interventionRepeated]).toEqual([[3, 2, 2, 1], 2]);
    expect(a.plan).toEqual({
      viewsEveryPathway: 4,
      explained: 5,
      agreed: 2,
      initialMeetingInTime: 6,
      preReleaseMeetingInTime: 4,
    });
    const b = (await measures.measure(NOVEMBER, { supervisingServiceIds: [w.b.youthJusticeService.id] })).counts;
    expect(b.plan).toEqual({
      viewsEveryPathway: 9,
      explained: 12,
      agreed: 7,
      initialMeetingInTime: 8,
      preReleaseMeetingInTime: 6,
    });
    expect([all.release, a.release, b.release]).toEqual([
      { firstNightAsPlanned: 12, eteStartedAsPlanned: 7, healthHandoverByRelease: 9, releaseDayPlanConfirmed: 13 },
      { firstNightAsPlanned: 5, eteStartedAsPlanned: 2, healthHandoverByRelease: 3, releaseDayPlanConfirmed: 4 },
      { firstNightAsPlanned: 7, eteStartedAsPlanned: 5, healthHandoverByRelease: 6, releaseDayPlanConfirmed: 9 },
    ]);
    // 31 October (23:30 UTC, after the clocks went back) is outside November; 30 November 23:30 UTC is inside.
    expect((await measures.measure({ from: '2026-10-31', to: '2026-10-31' }, null)).counts.released).toBe(1);
  });

  it('a national admin sees England and Wales, suppressed', async () => {
    const { resettlementMeasures: m } = await admin.ok(QUERY, { input: NOVEMBER });
    expect(m).toMatchObject({ ...NOVEMBER, youthJusticeServiceId: null, released: { value: 20, display: '20' } });
    expect(shown(m.accommodation)).toEqual(['9', '5', F, F]);
    expect(m.accommodation[0]).toMatchObject({ denominator: { value: 20 }, percentage: 45 });
    expect(m.accommodation[2]).toMatchObject({ numerator: { value: null }, percentage: null });
    expect(shown(m.childTold)).toEqual(['12', '8']);
    expect(m.childTold[0].percentage).toBe(60);
    expect(shown(m.ete)).toEqual(['11', '9']);
    expect(m.ete[0].percentage).toBe(55);
    expect(deadline(m.deadlines, 'ACCOMMODATION_CONFIRMED')).toEqual([F, '10', F, F, '20']);
    expect(deadline(m.deadlines, 'CHILD_TOLD_WHERE_LIVING')).toEqual(['12', F, F, F, '20']);
    expect(deadline(m.deadlines, 'ETE_PLACE_CONFIRMED')).toEqual(['7', F, '7', F, '20']);
    expect(deadline(m.deadlines, 'INITIAL_PLANNING_MEETING')).toEqual(['14', F, F, F, '20']);
    expect(deadline(m.deadlines, 'PRE_RELEASE_MEETING_HELD')).toEqual(['10', F, '5', F, '20']);
    expect(deadline(m.deadlines, 'DETENTION_PLACEMENT_PLAN')).toEqual([F, F, F, F, F]);
    expect(deadline(m.deadlines, 'HEALTH_HANDOVER_ARRANGED')).toEqual([F, F, F, F, F]);
    // Escalations by the highest level reached: 3 and 1 hidden add up to under 5, so the 7 goes too.
    expect(escalation(m.escalations, 'ACCOMMODATION_CONFIRMED')).toEqual(['9', F, F, F, '20']);
    expect(escalation(m.escalations, 'CHILD_TOLD_WHERE_LIVING')).toEqual([F, F, F, F, '20']);
    expect(escalation(m.escalations, 'HEALTH_HANDOVER_ARRANGED')).toEqual([F, F, F, F, F]);
    // All kinds together, the last row (see the header): 90 never escalated shown, the grand total hidden.
    expect(m.escalations.map((e: { key: string | null }) => e.key).slice(-2)).toEqual([
      'HEARING_HEALTH_ARRANGEMENTS',
      null,
    ]);
    expect(escalation(m.escalations, null)).toEqual(['90', F, F, F, F]);
    // The plan measures: 17 and 3 explained, the 3 hidden and so the 17 (20 - 17 would give it away).
    expect(shown(m.planViews)).toEqual(['13', '7']);
    expect(m.planViews[0]).toMatchObject({
      key: 'PLAN_VIEWS_EVERY_PATHWAY',
      label: 'Plan with the child’s own view on every active pathway',
      percentage: 65,
    });
    expect(shown(m.planExplained)).toEqual([F, F]);
    expect(m.planExplained.map((f: { percentage: number | null }) => f.percentage)).toEqual([null, null]);
    expect(shown(m.planAgreed)).toEqual(['9', '11']);
    expect(m.planAgreed[0]).toMatchObject({ key: 'PLAN_AGREED', percentage: 45 });
    expect(shown(m.initialMeeting)).toEqual(['14', '6']);
    expect(m.initialMeeting[0]).toMatchObject({
      key: 'INITIAL_MEETING_IN_TIME',
      label: 'Initial planning meeting held within 10 working days',
      percentage: 70,
    });
    expect(shown(m.preReleaseMeeting)).toEqual(['10', '10']);
    expect(m.preReleaseMeeting[1]).toMatchObject({ key: 'PRE_RELEASE_MEETING_NOT_IN_TIME', percentage: 50 });
    // Case-manager changes 3, 8, 8, 1: the 3 and 1 add up to under 5, so the first 8 goes too.
    expect(shown(m.caseManagerChanges)).toEqual([F, F, '8', F]);
    expect(m.caseManagerChanges[2]).toMatchObject({
      key: 'CASE_MANAGER_ONE_CHANGE',
      label: 'Case manager changed once by the day of release',
      percentage: 40,
    });
    expect(shown(m.interventionRepeated)).toEqual(['7', '13']);
    // At release, all shown: 12 and 8, 7 and 13, 9 and 11, 13 and 7.
    expect([m.firstNight, m.eteStarted, m.healthHandover, m.releaseDayPlan].map(shown)).toEqual([
      ['12', '8'],
      ['7', '13'],
      ['9', '11'],
      ['13', '7'],
    ]);
    expect([m.firstNight, m.eteStarted, m.healthHandover, m.releaseDayPlan].map((f) => f[0].percentage)).toEqual([
      60, 35, 45, 65,
    ]);
    expect(m.interventionRepeated[0]).toMatchObject({ key: 'INTERVENTION_REPEATED', percentage: 35 });
    // Counts only: no child, no episode, anywhere in the answer.
    const text = JSON.stringify(m);
    for (const id of [w.a.child.id, w.b.child.id, w.a.episode.id]) expect(text).not.toContain(id);
  });

  it('a national admin may ask for one service', async () => {
    const { resettlementMeasures: m } = await admin.ok(QUERY, {
      input: { ...NOVEMBER, youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(m.released.display).toBe('12');
    // 6, 3, 3, 0: three small cells hidden; 6 stays (the hidden three add up to 6).
    expect(shown(m.accommodation)).toEqual(['6', F, F, F]);
    expect(shown(m.childTold)).toEqual([F, F]);
    expect(shown(m.ete)).toEqual(['6', '6']);
    // 9 and 3 views, 12 and 0 explained, 8 and 4 initial meetings: hidden; 7 and 5 agreed, 6 and 6 pre-release: shown.
    expect(shown(m.planViews)).toEqual([F, F]);
    expect(shown(m.planExplained)).toEqual([F, F]);
    expect(shown(m.planAgreed)).toEqual(['7', '5']);
    expect(m.planAgreed[0].percentage).toBe(58);
    expect(shown(m.initialMeeting)).toEqual([F, F]);
    expect(shown(m.preReleaseMeeting)).toEqual(['6', '6']);
    // 0, 6, 6, 0 case-manager changes: the zeros and the first 6 hidden; 5 and 7 repeated interventions shown.
    expect(shown(m.caseManagerChanges)).toEqual([F, F, '6', F]);
    expect(shown(m.interventionRepeated)).toEqual(['5', '7']);
    expect(m.interventionRepeated[0].percentage).toBe(42);
    // At release: 7 and 5, 5 and 7, 6 and 6 shown; the release-day plan's 9 and 3 hidden.
    expect([m.firstNight, m.eteStarted, m.healthHandover, m.releaseDayPlan].map(shown)).toEqual([
      ['7', '5'],
      ['5', '7'],
      ['6', '6'],
      [F, F],
    ]);
    expect(m.firstNight.map((f: { percentage: number | null }) => f.percentage)).toEqual([58, 42]);
    expect(m.releaseDayPlan.map((f: { percentage: number | null }) => f.percentage)).toEqual([null, null]);
  });

  it('a youth justice manager sees their own service: small numbers hidden, 5 given away by the total hidden too', async () => {
    const { resettlementMeasures: m } = await managerA.ok(QUERY, { input: NOVEMBER });
    expect(m.youthJusticeServiceId).toBe(w.a.youthJusticeService.id);
    expect(m.released).toEqual({ value: 8, suppressed: false, display: '8' });
    expect(shown(m.accommodation)).toEqual([F, F, F, F]);
    expect(shown(m.childTold)).toEqual([F, F]);
    // 5 is not small, but 8 - 3 would give the hidden 3 away: both hidden.
    expect(shown(m.ete)).toEqual([F, F]);
    expect(m.ete.map((f: { percentage: number | null }) => f.percentage)).toEqual([null, null]);
    expect(escalation(m.escalations, 'ACCOMMODATION_CONFIRMED')).toEqual([F, F, F, F, '8']);
    expect(escalation(m.escalations, null)).toEqual(['36', F, F, F, F]);
    // 4 and 4, 5 and 3, 2 and 6, 6 and 2, 4 and 4: every plan figure hidden.
    for (const figures of [m.planViews, m.planExplained, m.planAgreed, m.initialMeeting, m.preReleaseMeeting])
      expect(shown(figures)).toEqual([F, F]);
    // 3, 2, 2, 1 case-manager changes and 2 and 6 repeated interventions: all hidden.
    expect(shown(m.caseManagerChanges)).toEqual([F, F, F, F]);
    expect(shown(m.interventionRepeated)).toEqual([F, F]);
    // At release: 5 and 3, 2 and 6, 3 and 5, 4 and 4: all hidden.
    for (const figures of [m.firstNight, m.eteStarted, m.healthHandover, m.releaseDayPlan])
      expect(shown(figures)).toEqual([F, F]);
    // The audit: one row for the read, naming no child.
    const [row] = await t.dataSource.query(
      `SELECT action, resource_type, resource_id, child_id, outcome, detail FROM audit_event
        WHERE action = 'resettlementMeasures' AND actor_organisation_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [w.a.youthJusticeService.id],
    );
    expect(row).toMatchObject({
      resource_type: 'ResettlementMeasures',
      resource_id: w.a.youthJusticeService.id,
      child_id: null,
      outcome: 'ALLOWED',
      detail: { ...NOVEMBER, youthJusticeServiceId: w.a.youthJusticeService.id },
    });
  });

  it('another service’s measures are NOT_FOUND to a manager; everyone else is refused at the door', async () => {
    const other = await managerA.graphql(QUERY, {
      input: { ...NOVEMBER, youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const caseManager = await w.sessions[Role.YJS_CASE_MANAGER].graphql(QUERY, { input: NOVEMBER });
    expect(caseManager.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  const SCOPED = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    youthJusticeServiceId scope { kind organisationId region name } released { value display }
    accommodation { numerator { display } percentage } ete { numerator { display } percentage }
    planViews { numerator { display } percentage } planAgreed { numerator { display } percentage }
    initialMeeting { numerator { display } percentage } } }`;
  const scoped = (session: Session, scope: Record<string, string> | null, query = SCOPED) =>
    session.graphql(query, { input: { ...NOVEMBER, scope } });
  const percentages = (figures: { percentage: number | null }[]) => figures.map((f) => f.percentage);

  it('counts each scope in PostgreSQL, by hand (before suppression)', async () => {
    const measures = t.app.get(MeasuresService);
    const establishment = (await measures.measure(NOVEMBER, { establishmentId: w.a.establishment.id })).counts;
    expect(establishment).toMatchObject({ released: 12, address: [7, 2, 1, 2] });
    expect(establishment.plan.agreed).toBe(6);
    const council = (await measures.measure(NOVEMBER, { homeAuthorityId: w.a.localAuthority.id })).counts;
    expect(council).toMatchObject({ released: 12, eteByRelease: 5 });
    expect(council.plan).toMatchObject({ viewsEveryPathway: 5, initialMeetingInTime: 6 });
    expect((await measures.measure(NOVEMBER, { homeAuthorityId: w.b.localAuthority.id })).counts.released).toBe(8);
    expect((await measures.measure(NOVEMBER, { establishmentId: w.b.establishment.id })).counts.released).toBe(8);
    // This branch's figures follow the scope too (see the header).
    const escalated = (counts: typeof council) =>
      counts.deadlines.find((d) => d.key === 'ACCOMMODATION_CONFIRMED')!.escalated;
    expect([establishment.caseManagerChanges, establishment.interventionRepeated]).toEqual([[3, 6, 2, 1], 6]);
    expect(escalated(establishment)).toEqual([7, 3, 1, 1]);
    expect([council.caseManagerChanges, council.interventionRepeated]).toEqual([[3, 2, 6, 1], 2]);
    expect(escalated(council)).toEqual([3, 3, 5, 1]);
    const planOfMonth = async (population: { establishmentId: string } | { homeAuthorityId: string }) => {
      const [november] = (await measures.measure(NOVEMBER, population)).months;
      const { PLAN_VIEWS_EVERY_PATHWAY, PLAN_EXPLAINED, PLAN_AGREED } = november.yes;
      return [november.released, PLAN_VIEWS_EVERY_PATHWAY, PLAN_EXPLAINED, PLAN_AGREED];
    };
    expect(await planOfMonth({ establishmentId: w.a.establishment.id })).toEqual([12, 8, 9, 6]);
    expect(await planOfMonth({ homeAuthorityId: w.a.localAuthority.id })).toEqual([12, 5, 9, 2]);
  });

  it('the case managers, repeated interventions and escalations are the scope’s, suppressed as the rest', async () => {
    const figuresOf = async (session: Session, scope: Record<string, string> | null) => {
      const m = (await session.ok(QUERY, { input: { ...NOVEMBER, scope } })).resettlementMeasures;
      return [
        shown(m.caseManagerChanges),
        percentages(m.caseManagerChanges),
        shown(m.interventionRepeated),
        escalation(m.escalations, 'ACCOMMODATION_CONFIRMED'),
        escalation(m.escalations, null),
      ];
    };
    const establishment = { kind: 'ESTABLISHMENT', organisationId: w.a.establishment.id };
    const own = await figuresOf(w.sessions[Role.ESTABLISHMENT_MANAGER], null);
    expect(own).toEqual([
      [F, '6', F, F],
      [null, 50, null, null],
      ['6', '6'],
      ['7', F, F, F, '12'],
      ['56', F, F, F, F],
    ]);
    expect(await figuresOf(admin, establishment)).toEqual(own);
    expect(await figuresOf(w.sessions[Role.LA_CHILDRENS_SERVICES], null)).toEqual([
      [F, F, '6', F],
      [null, null, 50, null],
      [F, F],
      [F, F, F, F, '12'],
      ['52', F, F, F, F],
    ]);
    expect(await figuresOf(admin, { kind: 'REGION', region: 'Wales' })).toEqual([
      [F, F, '6', F],
      [null, null, 50, null],
      ['5', '7'],
      [F, F, F, F, '12'],
      ['54', F, F, F, F],
    ]);
  });

  it('an establishment manager sees the children released from their establishment, whichever service', async () => {
    const res = await scoped(w.sessions[Role.ESTABLISHMENT_MANAGER], null);
    const m = res.data.resettlementMeasures;
    expect(m.scope).toEqual({
      kind: 'ESTABLISHMENT',
      organisationId: w.a.establishment.id,
      region: null,
      name: w.a.establishment.name,
    });
    expect(m.youthJusticeServiceId).toBeNull();
    expect(m.released).toEqual({ value: 12, display: '12' });
    expect(shown(m.accommodation)).toEqual(['7', F, F, F]);
    expect(m.accommodation[0].percentage).toBe(58);
    expect(shown(m.planAgreed)).toEqual(['6', '6']);
    expect(percentages(m.planAgreed)).toEqual([50, 50]);
    // Naming their own establishment is the same; the national admin asking for it sees the same counts.
    const own = { kind: 'ESTABLISHMENT', organisationId: w.a.establishment.id };
    expect((await scoped(w.sessions[Role.ESTABLISHMENT_MANAGER], own)).data.resettlementMeasures).toEqual(m);
    expect((await scoped(admin, own)).data.resettlementMeasures).toEqual(m);
  });

  it('a council’s lead sees the children whose home is their local authority', async () => {
    const lead = w.sessions[Role.LA_CHILDRENS_SERVICES];
    const { resettlementMeasures: m } = (await scoped(lead, null)).data;
    expect(m.scope).toMatchObject({ kind: 'LOCAL_AUTHORITY', organisationId: w.a.localAuthority.id });
    expect(m.released.display).toBe('12');
    expect(shown(m.accommodation)).toEqual([F, F, F, F]);
    expect(shown(m.ete)).toEqual(['5', '7']);
    expect(percentages(m.ete)).toEqual([42, 58]);
    expect(shown(m.initialMeeting)).toEqual(['6', '6']);
    expect(shown(m.planViews)).toEqual(['5', '7']);
    const [row] = await t.dataSource.query(
      `SELECT resource_type, resource_id, child_id, outcome, detail FROM audit_event
        WHERE action = 'resettlementMeasures' AND actor_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [lead.userId],
    );
    expect(row).toMatchObject({
      resource_type: 'ResettlementMeasures',
      resource_id: w.a.localAuthority.id,
      child_id: null,
      outcome: 'ALLOWED',
      detail: { ...NOVEMBER, scope: 'LOCAL_AUTHORITY', organisationId: w.a.localAuthority.id },
    });
  });

  it('a national admin may ask for a region, a council or England and Wales', async () => {
    const wales = (await scoped(admin, { kind: 'REGION', region: 'Wales' })).data.resettlementMeasures;
    expect(wales.scope).toEqual({ kind: 'REGION', organisationId: null, region: 'Wales', name: 'Wales' });
    expect(wales.released.display).toBe('12');
    expect(shown(wales.accommodation)).toEqual(['6', F, F, F]);
    expect(shown(wales.planAgreed)).toEqual(['7', '5']);
    const yorkshire = (await scoped(admin, { kind: 'REGION', region: 'Yorkshire and the Humber' })).data;
    expect(yorkshire.resettlementMeasures.released.display).toBe('8');
    const london = (await scoped(admin, { kind: 'REGION', region: 'London' })).data;
    expect(london.resettlementMeasures.released).toEqual({ value: null, display: F });
    const council = (await scoped(admin, { kind: 'LOCAL_AUTHORITY', organisationId: w.a.localAuthority.id })).data;
    expect(council.resettlementMeasures.scope.name).toBe(w.a.localAuthority.name);
    expect(shown(council.resettlementMeasures.ete)).toEqual(['5', '7']);
    const all = (await scoped(admin, { kind: 'ENGLAND_AND_WALES' })).data.resettlementMeasures;
    expect(all.scope).toEqual({
      kind: 'ENGLAND_AND_WALES',
      organisationId: null,
      region: null,
      name: 'England and Wales',
    });
    expect(all.released.display).toBe('20');
    // An organisation of another kind than the scope's is not found, as one that does not exist.
    for (const scope of [
      { kind: 'ESTABLISHMENT', organisationId: w.a.youthJusticeService.id },
      { kind: 'LOCAL_AUTHORITY', organisationId: randomUUID() },
    ])
      expect((await scoped(admin, scope)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it.each<[string, Role, () => Record<string, string> | null, string]>([
    [
      'youth justice manager',
      Role.YJS_MANAGER,
      () => ({ kind: 'ESTABLISHMENT', organisationId: w.a.establishment.id }),
      'NOT_FOUND',
    ],
    [
      'youth justice manager',
      Role.YJS_MANAGER,
      () => ({ kind: 'LOCAL_AUTHORITY', organisationId: w.a.localAuthority.id }),
      'NOT_FOUND',
    ],
    [
      'youth justice manager',
      Role.YJS_MANAGER,
      () => ({ kind: 'REGION', region: 'Yorkshire and the Humber' }),
      'NOT_FOUND',
    ],
    ['a youth justice manager', Role.YJS_MANAGER, () => ({ kind: 'ENGLAND_AND_WALES' }), 'NOT_FOUND'],
    [
      'establishment manager',
      Role.ESTABLISHMENT_MANAGER,
      () => ({ kind: 'ESTABLISHMENT', organisationId: w.b.establishment.id }),
      'NOT_FOUND',
    ],
    [
      'establishment manager',
      Role.ESTABLISHMENT_MANAGER,
      () => ({ kind: 'YOUTH_JUSTICE_SERVICE', organisationId: w.a.youthJusticeService.id }),
      'NOT_FOUND',
    ],
    [
      'council’s lead',
      Role.LA_CHILDRENS_SERVICES,
      () => ({ kind: 'LOCAL_AUTHORITY', organisationId: w.b.localAuthority.id }),
      'NOT_FOUND',
    ],
    ['a council’s lead', Role.LA_CHILDRENS_SERVICES, () => ({ kind: 'ENGLAND_AND_WALES' }), 'NOT_FOUND'],
    ['a council officer, not its lead,', Role.LA_ACCOMMODATION_OFFICER, () => null, 'FORBIDDEN'],
    [
      'council officer, not its lead',
      Role.LA_ACCOMMODATION_OFFICER,
      () => ({ kind: 'LOCAL_AUTHORITY', organisationId: w.a.localAuthority.id }),
      'FORBIDDEN',
    ],
    [
      'council officer, not its lead',
      Role.LA_ACCOMMODATION_OFFICER,
      () => ({ kind: 'LOCAL_AUTHORITY', organisationId: w.b.localAuthority.id }),
      'NOT_FOUND',
    ],
    ['establishment staff', Role.ESTABLISHMENT_STAFF, () => null, 'FORBIDDEN'],
  ])('%s asking outside their scope is refused, audited', async (_who, role, scope, code) => {
    const session = w.sessions[role];
    const res = await scoped(session, scope());
    expect(res.errors?.[0]?.extensions.code).toBe(code);
    expect(res.data?.resettlementMeasures ?? null).toBeNull();
    const [row] = await t.dataSource.query(
      `SELECT outcome, child_id FROM audit_event WHERE action = 'resettlementMeasures' AND actor_user_id = $1
        ORDER BY id DESC LIMIT 1`,
      [session.userId],
    );
    expect(row).toEqual({ outcome: 'DENIED', child_id: null });
  });

  it.each<[string, Record<string, string>, string]>([
    ['a region without its name', { kind: 'REGION' }, 'scope.region'],
    ['a region that is not one', { kind: 'REGION', region: 'Atlantis' }, 'region'],
    ['an establishment without its id', { kind: 'ESTABLISHMENT' }, 'scope.organisationId'],
    [
      'England and Wales with an organisation',
      { kind: 'ENGLAND_AND_WALES', organisationId: randomUUID() },
      'scope.organisationId',
    ],
  ])('bad scope: %s names the field', async (_name, scope, field) => {
    const res = await scoped(admin, scope);
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
  });

  it('a service and a scope at once is bad input', async () => {
    const res = await admin.graphql(SCOPED, {
      input: { ...NOVEMBER, youthJusticeServiceId: w.a.youthJusticeService.id, scope: { kind: 'ENGLAND_AND_WALES' } },
    });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  const SEPTEMBER = { from: '2026-09-01', to: '2026-09-30' };
  const BREAKDOWNS = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    released { display }
    breakdowns { dimension label baseGroup groups { group label released { value display }
      figures { measure numerator { value display } percentage relativeRate } } } } }`;

  it('counts each group of each breakdown in PostgreSQL, by hand (before suppression)', async () => {
    const { breakdowns: counts } = await t.app
      .get(MeasuresService)
      .measure(SEPTEMBER, { supervisingServiceIds: [w.a.youthJusticeService.id] });
    const ethnic = Object.fromEntries(
      counts.get('ETHNIC_GROUP')!.map((g) => [g.group, [g.released, g.yes.ADDRESS_14_DAYS, g.yes.TOLD_14_DAYS]]),
    );
    expect(ethnic).toEqual({ WHITE: [12, 7, 0], MIXED: [8, 4, 0], ASIAN: [2, 1, 0], BLACK: [10, 5, 0] });
    const plans = Object.fromEntries(
      counts
        .get('ETHNIC_GROUP')!
        .map((g) => [g.group, [g.yes.PLAN_VIEWS_EVERY_PATHWAY, g.yes.PLAN_EXPLAINED, g.yes.PLAN_AGREED]]),
    );
    expect(plans).toEqual({ WHITE: [6, 6, 6], MIXED: [0, 0, 0], ASIAN: [0, 0, 0], BLACK: [0, 5, 0] });
    // Every child in exactly one group of each dimension.
    for (const dimension of ['GENDER', 'AGE_BAND', 'LOOKED_AFTER', 'CARE_LEAVER', 'LEGAL_STATUS'] as const)
      expect(counts.get(dimension)!.reduce((sum, g) => sum + g.released, 0)).toBe(32);
    expect(counts.get('AGE_BAND')).toEqual([expect.objectContaining({ group: '16', released: 32 })]);
    // Nobody's address 28 days before (all 20), no planning meeting, nothing recorded at release: every group's 0.
    for (const g of counts.get('ETHNIC_GROUP')!)
      expect([
        g.yes.ADDRESS_28_DAYS,
        g.yes.INITIAL_MEETING_IN_TIME,
        g.yes.PRE_RELEASE_MEETING_IN_TIME,
        g.yes.FIRST_NIGHT_AS_PLANNED,
        g.yes.ETE_STARTED_AS_PLANNED,
        g.yes.HEALTH_HANDOVER_BY_RELEASE,
        g.yes.RELEASE_DAY_PLAN_CONFIRMED,
      ]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  /**
   * November's 20 (the header's cohort), all girls (both sides' children are): by gender, and as the month of the
   * trend, every measure's yes is the headline's. The address cumulative: at least 28 days 9, at least 14 days 9 + 5.
   */
  const NOVEMBER_YES = {
    ADDRESS_28_DAYS: 9,
    ADDRESS_14_DAYS: 14,
    TOLD_14_DAYS: 12,
    ETE_BY_RELEASE: 11,
    PLAN_VIEWS_EVERY_PATHWAY: 13,
    PLAN_EXPLAINED: 17,
    PLAN_AGREED: 9,
    INITIAL_MEETING_IN_TIME: 14,
    PRE_RELEASE_MEETING_IN_TIME: 10,
    FIRST_NIGHT_AS_PLANNED: 12,
    ETE_STARTED_AS_PLANNED: 7,
    HEALTH_HANDOVER_BY_RELEASE: 9,
    RELEASE_DAY_PLAN_CONFIRMED: 13,
  };

  it('counts every measure broken down and by month with the headline’s conditions, by hand', async () => {
    const measures = t.app.get(MeasuresService);
    const counts = (await measures.measure(NOVEMBER, null)).breakdowns;
    expect(counts.get('GENDER')).toEqual([{ group: 'FEMALE', released: 20, yes: NOVEMBER_YES }]);
    // Side A's 8 by looked-after status (all looked after), each measure as the headline counts side A's.
    expect(
      (await measures.measure(NOVEMBER, { supervisingServiceIds: [w.a.youthJusticeService.id] })).breakdowns.get(
        'LOOKED_AFTER',
      ),
    ).toEqual([
      {
        group: 'YES',
        released: 8,
        yes: {
          ADDRESS_28_DAYS: 3,
          ADDRESS_14_DAYS: 5,
          TOLD_14_DAYS: 4,
          ETE_BY_RELEASE: 5,
          PLAN_VIEWS_EVERY_PATHWAY: 4,
          PLAN_EXPLAINED: 5,
          PLAN_AGREED: 2,
          INITIAL_MEETING_IN_TIME: 6,
          PRE_RELEASE_MEETING_IN_TIME: 4,
          FIRST_NIGHT_AS_PLANNED: 5,
          ETE_STARTED_AS_PLANNED: 2,
          HEALTH_HANDOVER_BY_RELEASE: 3,
          RELEASE_DAY_PLAN_CONFIRMED: 4,
        },
      },
    ]);
    expect((await measures.measure(NOVEMBER, null)).months).toEqual([
      { group: '2026-11', released: 20, yes: NOVEMBER_YES },
    ]);
  });

  it('publishes November’s month with every measure: only the small ones hidden', async () => {
    const { resettlementMeasures: m } = await admin.ok(BY_MONTH, { input: NOVEMBER });
    expect(m.byMonth).toHaveLength(1);
    const [november] = m.byMonth;
    expect(november.released.display).toBe('20');
    // Each measure a table of one month: yes and no. Explained's no is 3: hidden, and its yes with it. The address
    // at least 28 and at least 14 days: 14 - 9 = 5 between them, not small, both shown.
    expect(
      Object.fromEntries(
        november.figures.map((f: { measure: string; numerator: { display: string } }) => [
          f.measure,
          f.numerator.display,
        ]),
      ),
    ).toEqual({
      ...Object.fromEntries(Object.entries(NOVEMBER_YES).map(([k, v]) => [k, String(v)])),
      PLAN_EXPLAINED: F,
    });
    expect(november.figures.find((f: { measure: string }) => f.measure === 'INITIAL_MEETING_IN_TIME')).toMatchObject({
      percentage: 70,
      relativeRate: null,
    });
  });

  it('a manager sees the measures by ethnic group: rates against the largest group, small groups hidden', async () => {
    const { resettlementMeasures: m } = await managerA.ok(BREAKDOWNS, { input: SEPTEMBER });
    expect(m.released.display).toBe('32');
    expect(m.breakdowns.map((b: { dimension: string }) => b.dimension)).toEqual([
      'ETHNIC_GROUP',
      'GENDER',
      'AGE_BAND',
      'LOOKED_AFTER',
      'CARE_LEAVER',
      'LEGAL_STATUS',
    ]);
    const ethnic = m.breakdowns[0];
    expect(ethnic.baseGroup).toBe('WHITE');
    expect(
      ethnic.groups.map((g: { label: string; released: { display: string } }) => [g.label, g.released.display]),
    ).toEqual([
      ['White', '12'],
      ['Mixed or multiple ethnic groups', F],
      ['Asian, Asian British or Asian Welsh', F],
      ['Black, Black British, Black Welsh, Caribbean or African', '10'],
    ]);
    const figure = (measure: string) =>
      ethnic.groups.map((g: { figures: Record<string, unknown>[] }) => g.figures.find((f) => f.measure === measure)!);
    const address = figure('ADDRESS_14_DAYS');
    expect(address[0]).toMatchObject({
      measure: 'ADDRESS_14_DAYS',
      numerator: { value: 7 },
      percentage: 58,
      relativeRate: 1,
    });
    expect(address[3]).toMatchObject({ numerator: { value: 5 }, percentage: 50, relativeRate: 0.86 });
    for (const hidden of [address[1], address[2]])
      expect(hidden).toMatchObject({ numerator: { value: null, display: F }, percentage: null, relativeRate: null });
    // Every measure, in the page's sections' order: before release, the plan, at release.
    expect(ethnic.groups[0].figures.map((f: { measure: string }) => f.measure)).toEqual([
      'ADDRESS_28_DAYS',
      'ADDRESS_14_DAYS',
      'TOLD_14_DAYS',
      'ETE_BY_RELEASE',
      'PLAN_VIEWS_EVERY_PATHWAY',
      'PLAN_EXPLAINED',
      'PLAN_AGREED',
      'INITIAL_MEETING_IN_TIME',
      'PRE_RELEASE_MEETING_IN_TIME',
      'FIRST_NIGHT_AS_PLANNED',
      'ETE_STARTED_AS_PLANNED',
      'HEALTH_HANDOVER_BY_RELEASE',
      'RELEASE_DAY_PLAN_CONFIRMED',
    ]);
    // The plan's measures: explained, White's 6 of 12 shown, the rest hidden; views and agreement hidden for every
    // group.
    expect(figure('PLAN_EXPLAINED')[0]).toMatchObject({ numerator: { value: 6 }, percentage: 50, relativeRate: 1 });
    const displays = (measure: string) =>
      figure(measure).map((f: { numerator: { display: string } }) => f.numerator.display);
    expect(displays('PLAN_EXPLAINED').slice(1)).toEqual([F, F, F]);
    // Nobody told, nobody's address 28 days before (the 14 days above stand), no meeting held, nothing recorded at
    // release: every group's 0 is hidden.
    for (const measure of [
      'PLAN_VIEWS_EVERY_PATHWAY',
      'PLAN_AGREED',
      'TOLD_14_DAYS',
      'ADDRESS_28_DAYS',
      'INITIAL_MEETING_IN_TIME',
      'PRE_RELEASE_MEETING_IN_TIME',
      'FIRST_NIGHT_AS_PLANNED',
      'ETE_STARTED_AS_PLANNED',
      'HEALTH_HANDOVER_BY_RELEASE',
      'RELEASE_DAY_PLAN_CONFIRMED',
    ])
      expect([measure, ...displays(measure)]).toEqual([measure, F, F, F, F]);
    // Counts only.
    expect(JSON.stringify(m)).not.toContain(w.a.child.id);
  });

  const BY_MONTH = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    byMonth { group label released { display } figures { measure numerator { display } percentage relativeRate } } } }`;
  const monthRows = (m: {
    byMonth: {
      group: string;
      label: string;
      released: { display: string };
      figures: { measure: string; numerator: { display: string }; percentage: number | null }[];
    }[];
  }) =>
    m.byMonth.map((g) => {
      const address = g.figures.find((f) => f.measure === 'ADDRESS_14_DAYS')!;
      return [g.group, g.label, g.released.display, address.numerator.display, address.percentage];
    });

  it('gives the trend month by month: a month nobody left shown as such, small months hidden with what gives them away', async () => {
    // August: nobody released. September: the 32 above, 17 with an address 14 days or more before.
    const { resettlementMeasures: summer } = await managerA.ok(BY_MONTH, {
      input: { from: '2026-08-01', to: '2026-09-30' },
    });
    expect(monthRows(summer)).toEqual([
      ['2026-08', 'August 2026', F, F, null],
      ['2026-09', 'September 2026', '32', '17', 53],
    ]);
    // October's one child is hidden, and so is November's 8 (else 41 - 32 - 8 gives October's away); November's 3
    // without an address 14 days before, with October's 0, would give the rest away: every address figure hidden.
    const { resettlementMeasures: autumn } = await managerA.ok(BY_MONTH, {
      input: { from: '2026-09-01', to: '2026-11-30' },
    });
    expect(monthRows(autumn)).toEqual([
      ['2026-09', 'September 2026', '32', F, null],
      ['2026-10', 'October 2026', F, F, null],
      ['2026-11', 'November 2026', F, F, null],
    ]);
    expect(
      autumn.byMonth.every((g: { figures: { relativeRate: number | null }[] }) =>
        g.figures.every((f) => f.relativeRate === null),
      ),
    ).toBe(true);
  });

  /**
   * Councils' response times (the referrals feature's `referral_response_time`, a row a step answered), November:
   *   council      from   step         working days               raw → published (all services)   side A only
   *   Authority A  A      ACKNOWLEDGE  1, 1, 2, 2, 3, 8           6 → hidden (see below)             6: median 2, p90 8
   *   Authority B  B      ACKNOWLEDGE  1, 4, 5                    3 → hidden                         -
   *   all councils        ACKNOWLEDGE  1, 1, 1, 2, 2, 3, 4, 5, 8  9: median 2 (5th), p90 8 (9th)     6: as Authority A
   *     B's 3 is small, and 9 - 6 would give it away: Authority A's 6 is hidden too (secondary).
   *   Authority A  A      OFFER        8, 9, 10, 12, 20           5: median 10, p90 20 (5th of 5)
   *   Authority B  B      OFFER        3, 3, 4, 6, 7              5: median 4, p90 7
   *   all councils        OFFER        the ten                    10: median (7 + 8) / 2 = 7.5, p90 12 (9th of 10)
   *   Authority A  A      ACKNOWLEDGE  answered 31 October 23:30 UTC (31 October in London): outside November.
   * ANSWER and CONFIRM: none answered, so "fewer than 5" for all councils.
   * By scope: Authority A's (the referrals to it): Authority A alone, so each step's row is its one council:
   * ACKNOWLEDGE 6 (median 2, p90 8), OFFER 5 (median 10, p90 20), shown for all councils and Authority A alike. Wales
   * (side B's service: its referrals, all to Authority B): ACKNOWLEDGE 3, hidden; OFFER 5 (median 4, p90 7). An
   * establishment's: none (referrals are made by youth justice services).
   */
  const RESPONSE_TIMES = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    responseTimes { organisationName step answered medianWorkingDays p90WorkingDays display } } }`;
  type Time = { organisationName: string | null; step: string; answered: number | null };
  const timesOf = (times: (Time & { medianWorkingDays: number | null; p90WorkingDays: number | null })[]) =>
    times.map((r) => [r.step, r.organisationName, r.answered, r.medianWorkingDays, r.p90WorkingDays]);

  it('gives councils’ response times per step, suppressed across the councils as one row', async () => {
    const referralOf = async (side: 'a' | 'b') => {
      const [row] = await t.dataSource.query(
        `INSERT INTO referral (type, status, child_id, episode_id, plan_id, pathway_id, from_service_id,
                               to_organisation_id, created_by_id, version)
         SELECT 'ACCOMMODATION', 'CONFIRMED', e.child_id, e.id, p.id, w.id, e.supervising_service_id, $2, $3, 1
           FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
           JOIN pathway w ON w.plan_id = p.id AND w.type = 'ACCOMMODATION'
          WHERE e.id = $1
         RETURNING id, from_service_id`,
        [w[side].episode.id, w[side].localAuthority.id, w[side].colleagueOf[w[side].youthJusticeService.id].id],
      );
      return row as { id: string; from_service_id: string };
    };
    let started = 0;
    const answered = async (side: 'a' | 'b', step: string, days: number[], at = '2026-11-16T12:00:00Z') => {
      const referral = await referralOf(side);
      for (const n of days)
        await t.dataSource.query(
          `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id,
                                               answered_at, due_date, working_days, referral_type)
           VALUES ($1, $2::timestamptz - make_interval(mins => $3), $4, $5, $6, $7, '2026-11-10', $8, 'ACCOMMODATION')`,
          [referral.id, at, ++started, step, w[side].localAuthority.id, referral.from_service_id, at, n],
        );
    };
    await answered('a', 'ACKNOWLEDGE', [1, 1, 2, 2, 3, 8]);
    await answered('b', 'ACKNOWLEDGE', [1, 4, 5]);
    await answered('a', 'OFFER', [8, 9, 10, 12, 20]);
    await answered('b', 'OFFER', [3, 3, 4, 6, 7]);
    await answered('a', 'ACKNOWLEDGE', [1], '2026-10-31T23:30:00Z');

    const { resettlementMeasures: all } = await admin.ok(RESPONSE_TIMES, { input: NOVEMBER });
    expect(timesOf(all.responseTimes)).toEqual([
      ['ACKNOWLEDGE', null, 9, 2, 8],
      ['ACKNOWLEDGE', 'Authority A', null, null, null],
      ['ACKNOWLEDGE', 'Authority B', null, null, null],
      ['ANSWER', null, null, null, null],
      ['ANSWER', 'Authority A', null, null, null],
      ['ANSWER', 'Authority B', null, null, null],
      ['OFFER', null, 10, 7.5, 12],
      ['OFFER', 'Authority A', 5, 10, 20],
      ['OFFER', 'Authority B', 5, 4, 7],
      ['CONFIRM', null, null, null, null],
      ['CONFIRM', 'Authority A', null, null, null],
      ['CONFIRM', 'Authority B', null, null, null],
    ]);
    expect(all.responseTimes[1].display).toBe(F);
    // Side A's referrals only: Authority A's six acknowledgements are the whole row.
    const { resettlementMeasures: a } = await managerA.ok(RESPONSE_TIMES, { input: NOVEMBER });
    expect(timesOf(a.responseTimes).slice(0, 2)).toEqual([
      ['ACKNOWLEDGE', null, 6, 2, 8],
      ['ACKNOWLEDGE', 'Authority A', 6, 2, 8],
    ]);
    // The scopes (see above): Authority A's lead, the referrals to their council; one council is the whole row.
    const { resettlementMeasures: council } = await w.sessions[Role.LA_CHILDRENS_SERVICES].ok(RESPONSE_TIMES, {
      input: NOVEMBER,
    });
    expect(timesOf(council.responseTimes)).toEqual([
      ['ACKNOWLEDGE', null, 6, 2, 8],
      ['ACKNOWLEDGE', 'Authority A', 6, 2, 8],
      ['ANSWER', null, null, null, null],
      ['ANSWER', 'Authority A', null, null, null],
      ['OFFER', null, 5, 10, 20],
      ['OFFER', 'Authority A', 5, 10, 20],
      ['CONFIRM', null, null, null, null],
      ['CONFIRM', 'Authority A', null, null, null],
    ]);
    // Wales, side B's service: its 3 acknowledgements hidden, its 5 offers shown.
    const wales = await admin.ok(RESPONSE_TIMES, {
      input: { ...NOVEMBER, scope: { kind: 'REGION', region: 'Wales' } },
    });
    expect(
      timesOf(wales.resettlementMeasures.responseTimes).filter(([step]) => step === 'ACKNOWLEDGE' || step === 'OFFER'),
    ).toEqual([
      ['ACKNOWLEDGE', null, null, null, null],
      ['ACKNOWLEDGE', 'Authority B', null, null, null],
      ['OFFER', null, 5, 4, 7],
      ['OFFER', 'Authority B', 5, 4, 7],
    ]);
    // An establishment makes no referrals: none.
    const establishment = await w.sessions[Role.ESTABLISHMENT_MANAGER].ok(RESPONSE_TIMES, { input: NOVEMBER });
    expect(establishment.resettlementMeasures.responseTimes).toEqual([]);
  });

  /**
   * Providers' response times (the same `referral_response_time`, education and health referrals), November; the
   * councils' rows above are there too, and count for none of these:
   *   provider               from  step         working days        raw → published (all services)
   *   Education Provider A   A     ACKNOWLEDGE  1, 1, 2, 3, 5, 8    6: median (2 + 3) / 2 = 2.5, p90 8 (6th of 6)
   *   Health Provider A      A     ACKNOWLEDGE  4, 6, 10            3 → hidden
   *   Health Provider B      B     ACKNOWLEDGE  2, 3, 7, 9, 12      5 → hidden: Education B's 0 and Health A's 3
   *                                                                 hidden add up to under 5, so the 5 goes too
   *   all providers                ACKNOWLEDGE  the fourteen        14: median (4 + 5) / 2 = 4.5, p90 10 (13th of 14)
   *   Education Provider B   B     OFFER        5, 5, 6, 10, 20     5 → hidden (the other providers' zeros would
   *                                                                 give it away)
   *   all providers                OFFER        the five            5: median 6, p90 20
   *   Education Provider A   A     ACKNOWLEDGE  answered 31 October 23:30 UTC (31 October in London): outside.
   * ANSWER and CONFIRM: none, every row hidden. Providers by name: Education A, Education B, Health A, Health B.
   * Side A's service (and Authority A's, the children whose home it is): Education A 6 and Health A 3 of 9 → both
   * hidden; all providers 9: 1,1,2,3,4,5,6,8,10 → median 4, p90 10. Authority B's (its children, side B's): ACKNOWLEDGE
   * Health B 5 beside Education B's 0 → hidden, all 5: median 7, p90 12; OFFER all 5: median 6, p90 20, Education B
   * hidden. An establishment's: none.
   */
  const PROVIDER_TIMES = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    providerResponseTimes { organisationName step answered medianWorkingDays p90WorkingDays display } } }`;

  it('gives providers’ response times per step, by provider, suppressed as councils’ are', async () => {
    const referralOf = async (side: 'a' | 'b', type: 'EDUCATION' | 'HEALTH') => {
      const [row] = await t.dataSource.query(
        `INSERT INTO referral (type, status, child_id, episode_id, plan_id, pathway_id, from_service_id,
                               to_organisation_id, created_by_id, version)
         SELECT $4, 'CONFIRMED', e.child_id, e.id, p.id, w.id, e.supervising_service_id, $2, $3, 1
           FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
           JOIN pathway w ON w.plan_id = p.id AND w.type = $5
          WHERE e.id = $1
         RETURNING id, from_service_id`,
        [
          w[side].episode.id,
          (type === 'EDUCATION' ? w[side].educationProvider : w[side].healthProvider).id,
          w[side].colleagueOf[w[side].youthJusticeService.id].id,
          type,
          type === 'EDUCATION' ? 'EDUCATION_TRAINING_EMPLOYMENT' : 'MENTAL_HEALTH',
        ],
      );
      return row as { id: string; from_service_id: string };
    };
    let started = 0;
    const answered = async (
      side: 'a' | 'b',
      type: 'EDUCATION' | 'HEALTH',
      step: string,
      days: number[],
      at = '2026-11-18T12:00:00Z',
    ) => {
      const referral = await referralOf(side, type);
      const provider = type === 'EDUCATION' ? w[side].educationProvider : w[side].healthProvider;
      for (const n of days)
        await t.dataSource.query(
          `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id,
                                               answered_at, due_date, working_days, referral_type)
           VALUES ($1, $2::timestamptz - make_interval(mins => $3), $4, $5, $6, $7, NULL, $8, $9)`,
          [referral.id, at, ++started, step, provider.id, referral.from_service_id, at, n, type],
        );
    };
    await answered('a', 'EDUCATION', 'ACKNOWLEDGE', [1, 1, 2, 3, 5, 8]);
    await answered('a', 'HEALTH', 'ACKNOWLEDGE', [4, 6, 10]);
    await answered('b', 'HEALTH', 'ACKNOWLEDGE', [2, 3, 7, 9, 12]);
    await answered('b', 'EDUCATION', 'OFFER', [5, 5, 6, 10, 20]);
    await answered('a', 'EDUCATION', 'ACKNOWLEDGE', [1], '2026-10-31T23:30:00Z');

    const { resettlementMeasures: all } = await admin.ok(PROVIDER_TIMES, { input: NOVEMBER });
    const hidden = (step: string, name: string | null) => [step, name, null, null, null];
    expect(timesOf(all.providerResponseTimes)).toEqual([
      ['ACKNOWLEDGE', null, 14, 4.5, 10],
      ['ACKNOWLEDGE', 'Education Provider A', 6, 2.5, 8],
      hidden('ACKNOWLEDGE', 'Education Provider B'),
      hidden('ACKNOWLEDGE', 'Health Provider A'),
      hidden('ACKNOWLEDGE', 'Health Provider B'),
      ...['ANSWER'].flatMap((step) =>
        [null, 'Education Provider A', 'Education Provider B', 'Health Provider A', 'Health Provider B'].map((name) =>
          hidden(step, name),
        ),
      ),
      ['OFFER', null, 5, 6, 20],
      hidden('OFFER', 'Education Provider A'),
      hidden('OFFER', 'Education Provider B'),
      hidden('OFFER', 'Health Provider A'),
      hidden('OFFER', 'Health Provider B'),
      ...[null, 'Education Provider A', 'Education Provider B', 'Health Provider A', 'Health Provider B'].map((name) =>
        hidden('CONFIRM', name),
      ),
    ]);
    expect(all.providerResponseTimes[0].display).toBe('14 answered: median 4.5, 90th percentile 10 working days');
    expect(all.providerResponseTimes[2].display).toBe(F);
    // Side A's service, and Authority A's lead (the children whose home is their council): the same referrals.
    const sideA = [
      ['ACKNOWLEDGE', null, 9, 4, 10],
      hidden('ACKNOWLEDGE', 'Education Provider A'),
      hidden('ACKNOWLEDGE', 'Health Provider A'),
    ];
    const { resettlementMeasures: a } = await managerA.ok(PROVIDER_TIMES, { input: NOVEMBER });
    expect(timesOf(a.providerResponseTimes).slice(0, 3)).toEqual(sideA);
    expect(a.providerResponseTimes).toHaveLength(4 * 3);
    const { resettlementMeasures: council } = await w.sessions[Role.LA_CHILDRENS_SERVICES].ok(PROVIDER_TIMES, {
      input: NOVEMBER,
    });
    expect(timesOf(council.providerResponseTimes)).toEqual(timesOf(a.providerResponseTimes));
    // Authority B's children (side B's): Health B's 5 acknowledgements beside Education B's none, hidden.
    const b = await admin.ok(PROVIDER_TIMES, {
      input: { ...NOVEMBER, scope: { kind: 'LOCAL_AUTHORITY', organisationId: w.b.localAuthority.id } },
    });
    expect(
      timesOf(b.resettlementMeasures.providerResponseTimes).filter(
        ([step]) => step === 'ACKNOWLEDGE' || step === 'OFFER',
      ),
    ).toEqual([
      ['ACKNOWLEDGE', null, 5, 7, 12],
      hidden('ACKNOWLEDGE', 'Education Provider B'),
      hidden('ACKNOWLEDGE', 'Health Provider B'),
      ['OFFER', null, 5, 6, 20],
      hidden('OFFER', 'Education Provider B'),
      hidden('OFFER', 'Health Provider B'),
    ]);
    // An establishment makes no referrals: none.
    const establishment = await w.sessions[Role.ESTABLISHMENT_MANAGER].ok(PROVIDER_TIMES, { input: NOVEMBER });
    expect(establishment.resettlementMeasures.providerResponseTimes).toEqual([]);
    // And councils' times are councils' only: no provider among them.
    const { resettlementMeasures: councils } = await admin.ok(RESPONSE_TIMES, { input: NOVEMBER });
    expect(new Set(councils.responseTimes.map((r: Time) => r.organisationName))).toEqual(
      new Set([null, 'Authority A', 'Authority B']),
    );
  });

  const CHILDREN = `query($input: MeasureChildrenInput!) { measureChildren(input: $input) {
    figure total page pageSize children { episodeId childId name releasedOn addressConfirmedOn toldOn etePlaceConfirmedOn
      viewsOnEveryPathway planExplainedOn planAgreedOn initialMeetingOn initialMeetingDue preReleaseMeetingOn
      preReleaseMeetingDue caseManagerChanges interventionRepeated firstNightAsPlanned eteStartedAsPlanned eteStartDate
      healthHandoverOn releaseDayPlanConfirmedOn } } }`;

  it('lists the children behind a figure for their own service’s manager, each read audited', async () => {
    // Side A in November, no address by the day of release: A7 (confirmed after) and A8 (never), in order of release.
    const { measureChildren: page } = await managerA.ok(CHILDREN, {
      input: { ...NOVEMBER, figure: 'ADDRESS_NOT_BY_RELEASE' },
    });
    expect(page).toMatchObject({ figure: 'ADDRESS_NOT_BY_RELEASE', total: 2, page: 1, pageSize: 50 });
    const [{ name }] = await t.dataSource.query(
      `SELECT coalesce(preferred_name, given_name) || ' ' || family_name AS name FROM child WHERE id = $1`,
      [w.a.child.id],
    );
    expect(
      page.children.map((c: Record<string, string | null>) => [c.name, c.releasedOn, c.addressConfirmedOn, c.toldOn]),
    ).toEqual([
      [name, '2026-11-19', '2026-11-25', null],
      [name, '2026-11-30', null, null],
    ]);
    // The same conditions as the counts: the four address bands are all 8 of side A's children, once each.
    let listed = 0;
    for (const figure of ['ADDRESS_28_DAYS', 'ADDRESS_14_DAYS', 'ADDRESS_BY_RELEASE', 'ADDRESS_NOT_BY_RELEASE'])
      listed += (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.total;
    expect(listed).toBe(8);
    const [{ episodes }] = await t.dataSource.query(
      `SELECT count(*)::int AS episodes FROM audit_event
        WHERE action = 'measureChildren' AND resource_type = 'CustodialEpisode' AND resource_id = ANY($1)`,
      [page.children.map((c: { episodeId: string }) => c.episodeId)],
    );
    expect(episodes).toBeGreaterThanOrEqual(2);
  });

  it('lists the children behind each plan figure: the same conditions as the counts', async () => {
    // Side A, plan not explained by the day of release: A6 (no plan), A7 (explained after), A8 (never).
    const { measureChildren: notExplained } = await managerA.ok(CHILDREN, {
      input: { ...NOVEMBER, figure: 'PLAN_NOT_EXPLAINED' },
    });
    expect(
      notExplained.children.map((c: Record<string, unknown>) => [
        c.releasedOn,
        c.planExplainedOn,
        c.viewsOnEveryPathway,
      ]),
    ).toEqual([
      ['2026-11-18', null, false],
      ['2026-11-19', '2026-11-25', false],
      ['2026-11-30', null, true],
    ]);
    // The initial meeting in time: A1–A5 by the sentence's due date, A8 by the detention placement plan's.
    const { measureChildren: initial } = await managerA.ok(CHILDREN, {
      input: { ...NOVEMBER, figure: 'INITIAL_MEETING_IN_TIME' },
    });
    expect(initial.total).toBe(6);
    expect(initial.children[5]).toMatchObject({
      releasedOn: '2026-11-30',
      initialMeetingOn: '2026-08-22',
      initialMeetingDue: '2026-08-27',
      preReleaseMeetingOn: '2026-11-20',
      preReleaseMeetingDue: null,
    });
    // The pre-release meeting held on its due date is in time (A4); the late one (A3) is not.
    const { measureChildren: late } = await managerA.ok(CHILDREN, {
      input: { ...NOVEMBER, figure: 'PRE_RELEASE_MEETING_NOT_IN_TIME' },
    });
    expect(late.children.map((c: Record<string, unknown>) => [c.releasedOn, c.preReleaseMeetingOn])).toEqual([
      ['2026-11-13', '2026-11-03'],
      ['2026-11-17', null],
      ['2026-11-18', null],
      ['2026-11-19', null],
    ]);
    // Each figure and its complement are side A's 8 children, once each.
    for (const [yes, no, count] of [
      ['PLAN_VIEWS_EVERY_PATHWAY', 'PLAN_VIEWS_NOT_EVERY_PATHWAY', 4],
      ['PLAN_EXPLAINED', 'PLAN_NOT_EXPLAINED', 5],
      ['PLAN_AGREED', 'PLAN_NOT_AGREED', 2],
      ['INITIAL_MEETING_IN_TIME', 'INITIAL_MEETING_NOT_IN_TIME', 6],
      ['PRE_RELEASE_MEETING_IN_TIME', 'PRE_RELEASE_MEETING_NOT_IN_TIME', 4],
    ] as const) {
      const listed = await Promise.all(
        [yes, no].map(
          async (figure) => (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.total,
        ),
      );
      expect([yes, ...listed]).toEqual([yes, count, 8 - count]);
    }
  });

  it('lists the children behind the case-manager and intervention figures: the same conditions as the counts', async () => {
    const list = async (figure: string) =>
      (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.children.map(
        (c: Record<string, unknown>) => [c.releasedOn, c.caseManagerChanges, c.interventionRepeated],
      );
    expect(await list('CASE_MANAGER_ONE_CHANGE')).toEqual([
      ['2026-11-12', 1, true],
      ['2026-11-17', 1, false],
    ]);
    expect(await list('CASE_MANAGER_TWO_OR_MORE_CHANGES')).toEqual([['2026-11-13', 2, false]]);
    expect(await list('CASE_MANAGER_NONE')).toEqual([
      ['2026-11-18', null, false],
      ['2026-11-19', null, false],
      ['2026-11-30', null, false],
    ]);
    expect(await list('INTERVENTION_REPEATED')).toEqual([
      ['2026-11-10', 0, true],
      ['2026-11-12', 1, true],
    ]);
    let listed = 0;
    for (const figure of [
      'CASE_MANAGER_NONE',
      'CASE_MANAGER_NO_CHANGE',
      'CASE_MANAGER_ONE_CHANGE',
      'INTERVENTION_NOT_REPEATED',
    ])
      listed += (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.total;
    expect(listed).toBe(3 + 2 + 2 + 6);
  });

  it('lists the children behind each figure of what happened at release: the same conditions as the counts', async () => {
    const list = async (figure: string, ...fields: string[]) =>
      (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.children.map(
        (c: Record<string, unknown>) => [c.releasedOn, ...fields.map((f) => c[f])],
      );
    // Not as planned (A3), nothing recorded (A5), no plan (A6).
    expect(await list('FIRST_NIGHT_NOT_AS_PLANNED', 'firstNightAsPlanned')).toEqual([
      ['2026-11-13', false],
      ['2026-11-17', null],
      ['2026-11-18', null],
    ]);
    // A3 and A7 say started with no place, A4's place came after release: not counted.
    expect(await list('ETE_STARTED_AS_PLANNED', 'eteStartedAsPlanned', 'eteStartDate')).toEqual([
      ['2026-11-10', true, '2026-11-16'],
      ['2026-11-12', true, '2026-11-19'],
    ]);
    expect(await list('HEALTH_HANDOVER_BY_RELEASE', 'healthHandoverOn')).toEqual([
      ['2026-11-10', '2026-10-31'],
      ['2026-11-12', '2026-11-09'],
      ['2026-11-17', '2026-11-17'],
    ]);
    // A4's last handover came after release; A3's substance misuse need was never assessed.
    expect((await list('HEALTH_HANDOVER_NOT_BY_RELEASE', 'healthHandoverOn')).slice(0, 2)).toEqual([
      ['2026-11-13', null],
      ['2026-11-16', '2026-11-18'],
    ]);
    expect(await list('RELEASE_DAY_PLAN_NOT_CONFIRMED', 'releaseDayPlanConfirmedOn')).toEqual([
      ['2026-11-13', '2026-11-14'],
      ['2026-11-16', null],
      ['2026-11-18', null],
      ['2026-11-19', null],
    ]);
    for (const [yes, no, count] of [
      ['FIRST_NIGHT_AS_PLANNED', 'FIRST_NIGHT_NOT_AS_PLANNED', 5],
      ['ETE_STARTED_AS_PLANNED', 'ETE_NOT_STARTED_AS_PLANNED', 2],
      ['HEALTH_HANDOVER_BY_RELEASE', 'HEALTH_HANDOVER_NOT_BY_RELEASE', 3],
      ['RELEASE_DAY_PLAN_CONFIRMED', 'RELEASE_DAY_PLAN_NOT_CONFIRMED', 4],
    ] as const) {
      const listed = await Promise.all(
        [yes, no].map(
          async (figure) => (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.total,
        ),
      );
      expect([yes, ...listed]).toEqual([yes, count, 8 - count]);
    }
  });

  it('never lists children to a national admin, nor another service’s to a manager; a bad page names the field', async () => {
    const asAdmin = await admin.graphql(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS' } });
    expect(asAdmin.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await managerA.graphql(CHILDREN, {
      input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const bad = await managerA.graphql(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', page: 0 } });
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('page');
    // A scope: their own service's is theirs; any other, or anyone else's children, is refused.
    const own = { kind: 'YOUTH_JUSTICE_SERVICE', organisationId: w.a.youthJusticeService.id };
    const ownScope = await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', scope: own } });
    expect(ownScope.measureChildren.total).toBe(4);
    for (const [session, scope, code] of [
      [managerA, { kind: 'ESTABLISHMENT', organisationId: w.a.establishment.id }, 'NOT_FOUND'],
      [managerA, { kind: 'REGION', region: 'Yorkshire and the Humber' }, 'NOT_FOUND'],
      [admin, { kind: 'REGION', region: 'Wales' }, 'FORBIDDEN'],
      [w.sessions[Role.ESTABLISHMENT_MANAGER], null, 'FORBIDDEN'],
      [w.sessions[Role.LA_CHILDRENS_SERVICES], null, 'FORBIDDEN'],
    ] as const) {
      const res = await session.graphql(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', scope } });
      expect([scope, res.errors?.[0]?.extensions.code]).toEqual([scope, code]);
    }
    // Past the last page: no children, the total still right.
    const past = await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', page: 3 } });
    expect(past.measureChildren).toMatchObject({ total: 4, page: 3, children: [] });
  });

  it.each<[string, Record<string, string>, string]>([
    ['a date that is not one', { from: '2026-02-30', to: '2026-03-01' }, 'from'],
    ['the end before the start', { from: '2026-11-30', to: '2026-11-01' }, 'to'],
    ['more than a year', { from: '2025-11-01', to: '2026-11-30' }, 'to'],
  ])('bad input: %s names the field', async (_name, input, field) => {
    const res = await admin.graphql(QUERY, { input });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
  });
});
