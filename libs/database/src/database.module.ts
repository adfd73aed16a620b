import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@resettle/common';
import { ApplicationRoleCheck } from './application-role-check';
import { dataSourceOptions } from './data-source-options';

const connection = () =>
  TypeOrmModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<AppConfig, true>) =>
      dataSourceOptions(config.get('DATABASE_URL', { infer: true }), {
        entities: [],
        autoLoadEntities: true,
        extra: { max: config.get('DATABASE_POOL_SIZE', { infer: true }) },
      } as object),
  });

/**
 * The TypeORM connection for api and worker, as the application role (DATABASE_URL): they refuse to start on any
 * other (see ApplicationRoleCheck). Entities are registered by the feature modules that own them.
 */
@Module({ imports: [connection()], providers: [ApplicationRoleCheck] })
export class DatabaseModule {}

/**
 * The same connection for scripts outside the api and worker (the demo seed, which writes as the owner role), without
 * the application role check.
 */
@Module({ imports: [connection()] })
export class ScriptDatabaseModule {}
