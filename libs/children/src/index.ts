export * from './child-enums';
export * from './child.entity';
export * from './parent-carer.entity';
export * from './children.service';
export * from './children.module';
export * from './children-graphql.module';
export * from './age';
export * from './dto/register-child.input';
