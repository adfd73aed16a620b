import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { OrganisationsModule } from '@resettle/organisations';
import { Child } from './child.entity';
import { ChildrenService } from './children.service';
import { ParentCarer } from './parent-carer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Child, ParentCarer]), OrganisationsModule, AuditModule],
  providers: [ChildrenService],
  exports: [ChildrenService],
})
export class ChildrenModule {}
