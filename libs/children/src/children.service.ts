import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { BadUserInputError, Clock, NotFoundError, byIds, groupByIds } from '@resettle/common';
import { OrganisationsService, OrganisationType } from '@resettle/organisations';
import { Child } from './child.entity';
import { ParentCarer } from './parent-carer.entity';
import { RegisterChildInput } from './dto/register-child.input';

@Injectable()
export class ChildrenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Child) private readonly children: Repository<Child>,
    @InjectRepository(ParentCarer) private readonly parentsCarers: Repository<ParentCarer>,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<Child> {
    const child = await this.children.findOneBy({ id });
    if (!child) throw new NotFoundError('Child', id);
    return child;
  }

  async findByIds(ids: readonly string[]): Promise<(Child | null)[]> {
    const rows = await this.children.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }

  async parentsCarersOf(childIds: readonly string[]): Promise<ParentCarer[][]> {
    const rows = await this.parentsCarers.find({ where: { childId: In([...childIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(childIds, rows, (p) => p.childId);
  }

  async register(input: RegisterChildInput): Promise<Child> {
    if (input.dateOfBirth >= this.clock.today()) {
      throw BadUserInputError.forField('dateOfBirth', 'dateOfBirth must be in the past');
    }
    if (input.lookedAfter && !input.responsibleAuthorityId) {
      throw BadUserInputError.forField('responsibleAuthorityId', 'A looked-after child needs the local authority responsible for them');
    }
    for (const field of ['responsibleAuthorityId', 'homeAuthorityId'] as const) {
      const id = input[field];
      if (id) await this.organisations.getOfType(id, [OrganisationType.LOCAL_AUTHORITY], field);
    }
    return this.dataSource.transaction(async (em) => {
      const child = em.create(Child, {
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        preferredName: input.preferredName?.trim() || null,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        ethnicity: input.ethnicity ?? null,
        lookedAfter: input.lookedAfter ?? false,
        responsibleAuthorityId: input.responsibleAuthorityId ?? null,
        careLeaver: input.careLeaver ?? false,
        homeAuthorityId: input.homeAuthorityId ?? null,
        hasEhcp: input.hasEhcp ?? false,
        disabilities: input.disabilities ?? [],
        communicationNeeds: input.communicationNeeds ?? null,
      });
      const saved = await em.save(child);
      const parentsCarers = input.parentsCarers ?? [];
      if (parentsCarers.length) {
        await em.insert(
          ParentCarer,
          parentsCarers.map((p) => ({
            childId: saved.id,
            name: p.name,
            relationship: p.relationship,
            phone: p.phone ?? null,
            email: p.email?.toLowerCase() ?? null,
            hasParentalResponsibility: p.hasParentalResponsibility ?? false,
          })),
        );
      }
      return saved;
    });
  }
}
