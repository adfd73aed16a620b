// The partner organisations each local authority area needs for a resettlement plan. Children's services and the
// accommodation team belong to the local authority itself, so they are not separate organisations here.
// The youth justice service and virtual school names follow the common public pattern; the health provider name is
// synthetic (real CAMHS, substance misuse and speech and language services are commissioned in many different ways).
// One of each per authority: real joint youth justice services (several authorities sharing one) are not modelled.
import type { LocalAuthorityRef } from './local-authorities';

type PartnerOrganisationType = 'YOUTH_JUSTICE_SERVICE' | 'HEALTH_PROVIDER' | 'EDUCATION_PROVIDER';

export interface PartnerOrganisationRef {
  /** Stable code derived from the authority's code, e.g. 'YJS-BIRMINGHAM'. */
  code: string;
  name: string;
  type: PartnerOrganisationType;
  localAuthorityCode: string;
}

/** Youth justice service, health provider and virtual school for one local authority, in that order. */
/** The code of a local authority's youth justice service, e.g. 'LA-LEEDS' → 'YJS-LEEDS'. */
export function youthJusticeServiceCode(localAuthorityCode: string): string {
  return `YJS-${localAuthorityCode.replace(/^LA-/, '')}`;
}

export function partnerOrganisationsFor(la: LocalAuthorityRef): PartnerOrganisationRef[] {
  // Derive from the code, not the name, so a renamed authority keeps its partners' codes.
  const stem = la.code.replace(/^LA-/, '');
  return [
    {
      code: youthJusticeServiceCode(la.code),
      name: `${la.shortName} Youth Justice Service`,
      type: 'YOUTH_JUSTICE_SERVICE',
      localAuthorityCode: la.code,
    },
    {
      // CAMHS, substance misuse and speech and language therapy: the health pathways of the plan.
      code: `HEALTH-${stem}`,
      name: `${la.shortName} Children and Young People's Health Service`,
      type: 'HEALTH_PROVIDER',
      localAuthorityCode: la.code,
    },
    {
      // The virtual school champions the education of looked-after children, who fared worst in the inspections.
      code: `EDU-${stem}`,
      name: `${la.shortName} Virtual School`,
      type: 'EDUCATION_PROVIDER',
      localAuthorityCode: la.code,
    },
  ];
}
