export * from './age';
export * from './child.entity';
export * from './child-enums';
export * from './children.module';
export * from './children.service';
export * from './children-graphql.module';
export * from './dto/register-child.input';
export * from './parent-carer.entity';
