import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';

/** Entities and service only: imported by the api (with the resolver module) and by the worker. */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation]), AuditModule],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
