import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError, byIds } from '@resettle/common';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async findByIds(ids: readonly string[]): Promise<(User | null)[]> {
    const rows = await this.users.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }
}
