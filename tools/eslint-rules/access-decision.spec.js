// Table tests for resettle/access-decision (run by jest's unit project).
const { RuleTester } = require('eslint');
const tseslint = require('typescript-eslint');
const rule = require('./access-decision');

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const imports = "import { Args, Mutation, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';\n";
const resolver = (body, classDecorators = '') => `${imports}${classDecorators}@Resolver()\nclass R {\n${body}\n}`;

tester.run('access-decision', rule, {
  valid: [
    { name: 'a query with @Allow', code: resolver('@Query(() => X) @Allow(Capability.READ_CHILD) child() {}') },
    { name: 'a mutation with @Public', code: resolver('@Public() @Mutation(() => X) login() {}') },
    {
      name: 'a subscription with @Allow',
      code: resolver('@Subscription(() => X) @Allow(Capability.READ_SELF) s() {}'),
    },
    {
      name: 'a field resolver decided by its parent',
      code: resolver('@ResolveField(() => X) @DecidedByParent() f() {}'),
    },
    {
      name: 'a field resolver with its own @Allow',
      code: resolver('@ResolveField() @Allow(Capability.READ_CHILD) f() {}'),
    },
    { name: 'a plain method', code: resolver('helper() {}') },
    {
      name: "the portal's HTTP @Query() is not GraphQL",
      code: "import { Get, Query } from '@nestjs/common';\nclass C { @Get('/x') page(@Query() q: unknown) {} }",
    },
    {
      name: 'a renamed import still counts, with its decision',
      code: "import { Query as Q } from '@nestjs/graphql';\nclass R { @Q(() => X) @Allow(Capability.READ_SELF) me() {} }",
    },
  ],
  invalid: [
    {
      name: 'a query with no decision',
      code: resolver('@Query(() => X) child() {}'),
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'a mutation with no decision',
      code: resolver('@Mutation(() => X) @Args() change() {}'),
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'a subscription with no decision',
      code: resolver('@Subscription(() => X) s() {}'),
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'a field resolver with no decision',
      code: resolver('@ResolveField(() => X) f() {}'),
      errors: [{ messageId: 'missingField' }],
    },
    {
      name: 'a renamed import with no decision',
      code: "import { Mutation as M } from '@nestjs/graphql';\nclass R { @M(() => X) go() {} }",
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'an operation cannot be decided by a parent',
      code: resolver('@Query(() => X) @DecidedByParent() q() {}'),
      errors: [{ messageId: 'parentOnOperation' }],
    },
    {
      name: 'two decisions on one operation',
      code: resolver('@Query(() => X) @Public() @Allow(Capability.READ_SELF) q() {}'),
      errors: [{ messageId: 'twoDecisions' }],
    },
    {
      name: 'a class-level decision is ignored by the guard, and its operations still need their own',
      code: resolver('@Query(() => X) q() {}', '@Allow(Capability.READ_SELF)\n'),
      errors: [{ messageId: 'onClass' }, { messageId: 'missing' }],
    },
  ],
});
