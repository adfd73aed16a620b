import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountNotices } from './account-notices';
import { InvitationsService } from './invitations/invitations.service';
import { UserInvitation } from './invitations/user-invitation.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

/**
 * Entities, the users service, invitation rows (the worker emails them) and the account-notice hand-over: imported
 * by other features and the worker. Sign-in and user administration live in IdentityGraphqlModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, RefreshToken, UserInvitation])],
  providers: [UsersService, InvitationsService, AccountNotices],
  exports: [UsersService, InvitationsService, AccountNotices],
})
export class IdentityModule {}
