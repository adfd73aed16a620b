import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { NotificationsResolver } from './notifications.resolver';

/** The signed-in person's notifications over GraphQL (the api only). */
@Module({ imports: [NotificationsModule], providers: [NotificationsResolver] })
export class NotificationsGraphqlModule {}
