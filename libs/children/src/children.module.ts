import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@resettle/organisations';
import { AuditModule } from '@resettle/audit';
import { Child } from './child.entity';
import { ParentCarer } from './parent-carer.entity';
import { ChildrenService } from './children.service';

@Module({
  imports: [TypeOrmModule.forFeature([Child, ParentCarer]), OrganisationsModule, AuditModule],
  providers: [ChildrenService],
  exports: [ChildrenService],
})
export class ChildrenModule {}
