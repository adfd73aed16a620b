import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChildrenModule } from '@resettle/children';
import { OrganisationsModule } from '@resettle/organisations';
import { IdentityModule } from '@resettle/identity';
import { AuditModule } from '@resettle/audit';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { Sentence } from './entities/sentence.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { CustodyService } from './custody.service';
import { CaseloadService } from './caseload.service';
import { EpisodeCommands } from './episode-commands.service';
import { EpisodeLifecycle } from './episode-lifecycle';
import { CaseloadPrefetch } from './caseload-prefetch';

@Module({
  imports: [
    TypeOrmModule.forFeature([CustodialEpisode, Sentence, EstablishmentTransfer, CaseManagerAssignment, EpisodeEvent]),
    ChildrenModule,
    OrganisationsModule,
    IdentityModule,
    AuditModule,
  ],
  providers: [CustodyService, CaseloadService, EpisodeCommands, EpisodeLifecycle, CaseloadPrefetch],
  exports: [CustodyService, CaseloadService, EpisodeCommands, EpisodeLifecycle, CaseloadPrefetch],
})
export class CustodyModule {}
