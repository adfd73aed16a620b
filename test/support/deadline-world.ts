import { DataSource } from 'typeorm';
import { Role } from '@resettle/access';
import { insertDirectory } from './fixtures';
import { Session, TestApp } from './test-app';

/** One child's deadline that falls due at the moment a fault test plays with. */
export interface DueMilestone {
  id: string;
  key: string;
  dueDate: string;
  episodeId: string;
}

/**
 * Children in custody whose first deadlines (the initial planning meeting, the accommodation referral: 10 working
 * days after sentence) all fall due together, for the deadline engine's fault tests. Everyone who is told is known:
 * the case manager (reminders, level 1) and the service's one manager, also its named head (levels 2 and 3).
 */
export class DeadlineWorld {
  private constructor(
    readonly t: TestApp,
    readonly manager: Session,
    readonly caseManagerId: string,
    readonly serviceId: string,
    readonly establishmentId: string,
  ) {}

  static async build(t: TestApp): Promise<DeadlineWorld> {
    const dir = await insertDirectory(t.dataSource);
    const manager = await t.userSession({
      organisationId: dir.leedsYjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'faults.manager@example.com',
    });
    // The manager is the service's named head too: level 3 tells them again (once).
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      dir.leedsYjs.id,
      manager.userId,
    ]);
    return new DeadlineWorld(t, manager, dir.leedsCaseManager.id, dir.leedsYjs.id, dir.wetherby.id);
  }

  /** `count` children sentenced on `sentenceDate` (a 12-month DTO); returns their deadlines due on `dueDate`. */
  async sentence(count: number, sentenceDate: string, dueDate: string): Promise<DueMilestone[]> {
    // Access tokens last 15 minutes of the api's clock, which the test may have moved: sign in afresh.
    const manager = await this.t.signIn('faults.manager@example.com', TestApp.TEST_PASSWORD);
    const episodeIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const { registerChild } = await manager.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        {
          input: {
            givenName: `Fault${i}`,
            familyName: `Tester${sentenceDate.replace(/-/g, '')}`,
            dateOfBirth: '2010-03-01',
            gender: 'MALE',
            lookedAfter: false,
            careLeaver: false,
            hasEhcp: false,
            disabilities: [],
          },
        },
      );
      const { startCustodialEpisode } = await manager.ok(
        `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
        {
          input: {
            childId: registerChild.id,
            establishmentId: this.establishmentId,
            supervisingServiceId: this.serviceId,
            caseManagerId: this.caseManagerId,
            sentence: {
              sentenceType: 'DTO',
              sentenceDate,
              termMonths: 12,
              remandDays: 0,
              taggedBailDays: 0,
              qualifyingSeriousOffence: false,
              excludedFromFortyPercentRelease: false,
            },
          },
        },
      );
      episodeIds.push(startCustodialEpisode.id);
    }
    const rows: DueMilestone[] = await this.t.dataSource.query(
      `SELECT id, key, due_date::text AS "dueDate", episode_id AS "episodeId" FROM milestone WHERE episode_id = ANY($1::uuid[]) AND due_date = $2 ORDER BY id`,
      [episodeIds, dueDate],
    );
    if (rows.length !== count * 2)
      throw new Error(`expected ${count * 2} deadlines due on ${dueDate}, found ${rows.length}`);
    return rows;
  }

  /** Who was told what about these milestones: one line per notification, `<kind>:<step>@<who>`, sorted. */
  async told(ds: DataSource, milestoneIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { milestone: string; kind: string; step: string; recipient: string }[] = await ds.query(
      `SELECT split_part(dedupe_key, ':', 2) AS milestone, split_part(dedupe_key, ':', 4) AS kind, split_part(dedupe_key, ':', 5) AS step,
              recipient_user_id AS recipient
         FROM notification WHERE split_part(dedupe_key, ':', 2) = ANY($1::text[])`,
      [[...milestoneIds]],
    );
    const who = (id: string) =>
      id === this.caseManagerId ? 'caseManager' : id === this.manager.userId ? 'manager' : id;
    const byMilestone = new Map<string, string[]>(milestoneIds.map((id) => [id, []]));
    for (const r of rows) byMilestone.get(r.milestone)!.push(`${r.kind}:${r.step}@${who(r.recipient)}`);
    for (const list of byMilestone.values()) list.sort();
    return byMilestone;
  }

  /** The escalation levels reached by each milestone, in order. */
  async levels(ds: DataSource, milestoneIds: readonly string[]): Promise<Map<string, number[]>> {
    const rows: { milestone_id: string; level: number }[] = await ds.query(
      `SELECT milestone_id, level FROM milestone_escalation WHERE milestone_id = ANY($1::uuid[]) ORDER BY level`,
      [[...milestoneIds]],
    );
    const byMilestone = new Map<string, number[]>(milestoneIds.map((id) => [id, []]));
    for (const r of rows) byMilestone.get(r.milestone_id)!.push(r.level);
    return byMilestone;
  }

  /**
   * Each milestone reached exactly `levels` and told exactly `notices` (`<kind>:<step>@<who>`, sorted), nothing
   * twice and nothing missing; and, given `deadline` (epoch ms), its last escalation row was written by then.
   */
  async expectExactlyOnce(
    due: readonly DueMilestone[],
    levels: number[],
    notices: string[],
    deadline?: number,
  ): Promise<void> {
    const ds = this.t.dataSource;
    const ids = due.map((m) => m.id);
    for (const [id, reached] of await this.levels(ds, ids)) expect({ id, reached }).toEqual({ id, reached: levels });
    for (const [id, told] of await this.told(ds, ids)) expect({ id, told }).toEqual({ id, told: notices });
    if (deadline !== undefined) {
      const [{ last }] = await ds.query(
        `SELECT extract(epoch FROM max(created_at)) * 1000 AS last FROM milestone_escalation WHERE milestone_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(Number(last)).toBeLessThanOrEqual(deadline);
    }
  }

  /** A check for `until`: every one of these milestones has reached `level`. */
  escalated(due: readonly DueMilestone[], level: number): () => Promise<boolean> {
    return async () => {
      const [{ n }] = await this.t.dataSource.query(
        `SELECT count(*)::int AS n FROM milestone_escalation WHERE milestone_id = ANY($1::uuid[]) AND level >= $2`,
        [due.map((m) => m.id), level],
      );
      return n === due.length;
    };
  }

  /** A check for `until`: every one of these milestones has had its first `count` reminders sent. */
  reminded(due: readonly DueMilestone[], count: number): () => Promise<boolean> {
    return async () => {
      const [{ n }] = await this.t.dataSource.query(
        `SELECT count(*)::int AS n FROM milestone WHERE id = ANY($1::uuid[]) AND reminders_sent >= $2`,
        [due.map((m) => m.id), count],
      );
      return n === due.length;
    };
  }

  /** Waits until `check` is true (polling PostgreSQL, say), or fails after `timeoutMs` with `what`. */
  static async until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await check()) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
  }
}
