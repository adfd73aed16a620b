export * from './role';
export * from './user.entity';
export * from './users.service';
export * from './identity.module';
