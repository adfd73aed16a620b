import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError, byIds } from '@resettle/common';
import { User } from './user.entity';
import { Role } from './role';

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
      .where('u.organisation_id = :organisationId AND NOT u.disabled AND :role = ANY(u.roles)', { organisationId, role })
      .orderBy('u.email')
      .getMany();
  }

  async findByIds(ids: readonly string[]): Promise<(User | null)[]> {
    const rows = await this.users.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }
}
