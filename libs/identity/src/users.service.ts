import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { byIds, NotFoundError } from '@resettle/common';
import { Role } from './role';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Enabled users of an organisation holding a role (e.g. a service's managers, for escalations). */
  async activeWithRole(organisationId: string, role: Role): Promise<User[]> {
    return this.users
      .createQueryBuilder('u')
      .where('u.organisation_id = :organisationId AND NOT u.disabled AND :role = ANY(u.roles)', {
        organisationId,
        role,
      })
      .orderBy('u.email')
      .getMany();
  }

  /**
   * `activeWithRole` for many organisations at once, in the caller's transaction: organisation id → user ids (by
   * email).
   */
  async activeWithRoleIn(
    em: EntityManager,
    organisationIds: readonly string[],
    role: Role,
  ): Promise<Map<string, string[]>> {
    const rows: { id: string; organisation_id: string }[] = organisationIds.length
      ? await em.query(
          `SELECT id, organisation_id FROM app_user WHERE organisation_id = ANY($1::uuid[]) AND NOT disabled AND $2 = ANY(roles) ORDER BY email`,
          [[...organisationIds], role],
        )
      : [];
    const byOrganisation = new Map<string, string[]>(organisationIds.map((id) => [id, []]));
    for (const row of rows) byOrganisation.get(row.organisation_id)?.push(row.id);
    return byOrganisation;
  }

  /** Which of these accounts are enabled, in the caller's transaction. */
  async enabledIds(em: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND NOT disabled`,
      [[...ids]],
    );
    return new Set(rows.map((r) => r.id));
  }

  async findByIds(ids: readonly string[]): Promise<(User | null)[]> {
    const rows = await this.users.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }
}
