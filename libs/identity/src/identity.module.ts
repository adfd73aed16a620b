import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { RefreshToken } from './refresh-token.entity';
import { UsersService } from './users.service';

/** Entities and the users service: imported by other features and the worker. Sign-in lives in IdentityGraphqlModule. */
@Module({ imports: [TypeOrmModule.forFeature([User, RefreshToken])], providers: [UsersService], exports: [UsersService] })
export class IdentityModule {}
