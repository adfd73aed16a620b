import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { IdentityModule } from '@resettle/identity';
import { NotificationsModule } from '@resettle/notifications';
import { OrganisationsModule } from '@resettle/organisations';
import { CaseloadService } from './caseload.service';
import { CaseloadPrefetch } from './caseload-prefetch';
import { CustodyService } from './custody.service';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { CourtHearing } from './entities/court-hearing.entity';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { Sentence } from './entities/sentence.entity';
import { SupervisionTransfer } from './entities/supervision-transfer.entity';
import { EpisodeCommands } from './episode-commands.service';
import { EpisodeLifecycle } from './episode-lifecycle';
import { EpisodeRead } from './episode-read.service';
import { HearingCommands } from './hearings/hearing-commands.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CustodialEpisode,
      Sentence,
      EstablishmentTransfer,
      CaseManagerAssignment,
      EpisodeEvent,
      CourtHearing,
      SupervisionTransfer,
    ]),
    ChildrenModule,
    OrganisationsModule,
    IdentityModule,
    AuditModule,
    NotificationsModule,
  ],
  providers: [
    CustodyService,
    CaseloadService,
    EpisodeRead,
    EpisodeCommands,
    EpisodeLifecycle,
    CaseloadPrefetch,
    HearingCommands,
  ],
  exports: [
    CustodyService,
    CaseloadService,
    EpisodeRead,
    EpisodeCommands,
    EpisodeLifecycle,
    CaseloadPrefetch,
    HearingCommands,
  ],
})
export class CustodyModule {}
