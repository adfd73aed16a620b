// Table tests for resettle/lib-public-index (run by jest's unit project).
const path = require('node:path');
const { RuleTester } = require('eslint');
const tseslint = require('typescript-eslint');
const rule = require('./lib-public-index');

// The rule measures paths from ESLint's cwd, which RuleTester sets to the process's (the repo, under jest).
const root = process.cwd();
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (file, code) => ({ name: `${file}: ${code}`, code, filename: path.join(root, file) });
const bad = (file, code, messageId) => ({ ...at(file, code), errors: [{ messageId }] });

tester.run('lib-public-index', rule, {
  valid: [
    at('libs/custody/src/custody.service.ts', "import { Clock } from '@resettle/common';"),
    at(
      'libs/custody/src/custody.service.ts',
      "import { CustodialEpisode } from './entities/custodial-episode.entity';",
    ),
    at('libs/custody/src/rules/x.ts', "import { addDays } from '../dates';"),
    at('apps/portal/src/http/page.ts', "import { Capability, mayPerform } from '@resettle/access';"),
    at('apps/portal/src/http/page.ts', "import { signedInUser } from '../session/portal-session';"),
    at('test/identity.e2e-spec.ts', "import { TestApp } from './support/test-app';"),
    at('test/support/test-app.ts', "const { createApiApp } = require('../../apps/api/src/create-api-app');"),
    at('scripts/seed.ts', "import { seedDemoData } from './seed/seed-demo-data';"),
    at('libs/access/src/a.ts', "import { Injectable } from '@nestjs/common';"),
  ],
  invalid: [
    bad('libs/custody/src/a.ts', "import { addDays } from '@resettle/common/dates/iso-date';", 'deepAlias'),
    bad(
      'apps/portal/src/http/page.ts',
      "import { Capability } from '../../../../libs/access/src/policy/capabilities';",
      'deepRelative',
    ),
    bad(
      'apps/portal/src/http/page.ts',
      "import type { Role } from '../../../../libs/access/src/role';",
      'deepRelative',
    ),
    bad('libs/custody/src/rules/x.ts', "import { addDays } from '../../../common/src/dates/iso-date';", 'deepRelative'),
    bad(
      'libs/children/src/a.ts',
      "export { LOCAL_AUTHORITIES } from '../../organisations/src/reference/local-authorities';",
      'deepRelative',
    ),
    bad('libs/children/src/a.ts', "export * from '../../organisations/src';", 'deepRelative'),
    bad(
      'test/support/test-app.ts',
      "import { hashPassword } from '../../libs/identity/src/auth/password-hashing';",
      'deepRelative',
    ),
    bad(
      'scripts/seed/a.ts',
      "const x = require('../../libs/custody/src/rules/expected-release-date');",
      'deepRelative',
    ),
    bad('test/a.e2e-spec.ts', "const m = await import('../libs/milestones/src/x');", 'deepRelative'),
    bad('test/a.e2e-spec.ts', "jest.mock('../libs/notifications/src/email/email-sender');", 'deepRelative'),
    bad('test/a.e2e-spec.ts', "type T = typeof import('@resettle/notifications/email');", 'deepAlias'),
    bad('libs/access/src/access.guard.ts', "import { Capability } from '@resettle/access';", 'selfIndex'),
  ],
});
