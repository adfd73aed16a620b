import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@resettle/common';
import { ApplicationRoleCheck } from './application-role-check';
import { dataSourceOptions } from './data-source-options';

/**
 * The TypeORM connection for api and worker, as the application role (DATABASE_URL): they refuse to start on any
 * other (ApplicationRoleCheck). Entities are registered by the feature modules that own them.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
          entities: [],
          autoLoadEntities: true,
          extra: {
            max: config.get('DATABASE_POOL_SIZE', { infer: true }),
            // PostgreSQL unreachable (a failover, a cut network): a request fails in seconds with SERVICE_UNAVAILABLE
            // and a job waits to try again, rather than both hanging on a connection that never comes.
            connectionTimeoutMillis: 5000,
            keepAlive: true,
          },
        } as object),
    }),
  ],
  providers: [ApplicationRoleCheck],
})
export class DatabaseModule {}
