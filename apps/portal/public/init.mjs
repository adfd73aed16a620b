// Progressive enhancement only: every page works without JavaScript.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';
import { initTimeoutWarning } from '/assets/portal/timeout-warning.mjs';

initGovuk();
initMoj();
initTimeoutWarning(document.querySelector('[data-module="app-timeout-warning"]'));
