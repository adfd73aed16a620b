// @ts-check
'use strict';

/** The project's own ESLint rules: architecture the compiler cannot see. Each has a table test beside it. */
module.exports = {
  meta: { name: 'eslint-plugin-resettle' },
  rules: {
    'access-decision': require('./access-decision'),
    'lib-public-index': require('./lib-public-index'),
  },
};
