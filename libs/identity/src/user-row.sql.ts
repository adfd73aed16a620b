import type { DataSource } from 'typeorm';
import { jsonRowShape } from '@resettle/database';
import { User } from './user.entity';

/** The request loader of users by id (a case manager, `UsersService.findByIds`). */
export const USER_LOADER = 'user';

/**
 * For another feature's single statement (custody's read of an episode): the user `idSql` (an SQL expression naming
 * their id) as one JSON row, or null, and `decode` to turn it back into what the user loader gives. The columns are
 * those TypeORM loads: never the password hash (`select: false`).
 */
export function userRowSql(dataSource: DataSource): {
  sql: (idSql: string) => string;
  decode: (row: Record<string, unknown>) => User;
} {
  const metadata = dataSource.getMetadata(User);
  const user = jsonRowShape<User>(metadata);
  const loaded = metadata.columns.filter((c) => c.isSelect && !c.isVirtual).map((c) => c.propertyName);
  return {
    sql: (idSql) => `(SELECT ${user.select('u', loaded, [])} FROM app_user u WHERE u.id = ${idSql})`,
    decode: user.decode,
  };
}
