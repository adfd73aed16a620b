// The youth secure estate of England and Wales as currently operating (2024-25), by public name; source: the Youth
// Custody Service estate (YOIs, STC, secure school) and the published register of secure children's homes
// (July 2024). Placement into any of them is decided by the Youth Custody Service, not by this service.
//
// Left out as closed: Cookham Wood YOI (closed to children 2024), Rainsbrook STC (2021), Medway STC (became Oasis
// Restore), and secure children's homes no longer on the register (e.g. Beechfield, Red Bank, East Moor).
// Keppel is a unit inside HMYOI Wetherby, on the same site and under the same governor, so it is held as part of
// Wetherby: a move to or from Keppel is a move within the establishment, not a transfer.
//
// `typicalPopulation` is a rough demo weighting for how many children on youth justice placements it holds, used
// only to spread synthetic children across the estate; it is NOT an official figure and is not operational data.
// Secure children's homes that mainly take welfare placements (section 25) carry a weight of 1-2 so that they
// exist for transfers but rarely receive synthetic children.

export interface SecureEstablishmentRef {
  /** Stable code, e.g. 'YOI-WETHERBY', 'SCH-ADEL-BECK'. Never change one. */
  code: string;
  name: string;
  type: 'YOI' | 'STC' | 'SCH' | 'SECURE_SCHOOL';
  /** Code of the local authority the establishment sits in (see LOCAL_AUTHORITIES). */
  localAuthorityCode: string;
  /** Rough demo weighting for how many children it holds; not an official figure. */
  typicalPopulation: number;
}

export const SECURE_ESTABLISHMENTS: SecureEstablishmentRef[] = [
  // Young offender institutions (boys aged 15-17)
  { code: 'YOI-PARC', name: 'HMYOI Parc', type: 'YOI', localAuthorityCode: 'LA-BRIDGEND', typicalPopulation: 25 },
  {
    code: 'YOI-FELTHAM-A',
    name: 'HMYOI Feltham A',
    type: 'YOI',
    localAuthorityCode: 'LA-HOUNSLOW',
    typicalPopulation: 75,
  },
  // Includes the Keppel unit (see header).
  { code: 'YOI-WETHERBY', name: 'HMYOI Wetherby', type: 'YOI', localAuthorityCode: 'LA-LEEDS', typicalPopulation: 150 },
  {
    code: 'YOI-WERRINGTON',
    name: 'HMYOI Werrington',
    type: 'YOI',
    localAuthorityCode: 'LA-STAFFORDSHIRE',
    typicalPopulation: 70,
  },

  // Secure training centre
  {
    code: 'STC-OAKHILL',
    name: 'Oakhill Secure Training Centre',
    type: 'STC',
    localAuthorityCode: 'LA-MILTON-KEYNES',
    typicalPopulation: 45,
  },

  // Secure school (opened 2024 on the former Medway STC site)
  {
    code: 'SECURE-SCHOOL-OASIS-RESTORE',
    name: 'Oasis Restore',
    type: 'SECURE_SCHOOL',
    localAuthorityCode: 'LA-MEDWAY',
    typicalPopulation: 12,
  },

  // Secure children's homes
  {
    code: 'SCH-ADEL-BECK',
    name: "Adel Beck Secure Children's Home",
    type: 'SCH',
    localAuthorityCode: 'LA-LEEDS',
    typicalPopulation: 12,
  },
  {
    code: 'SCH-ALDINE-HOUSE',
    name: 'Aldine House Secure Centre',
    type: 'SCH',
    localAuthorityCode: 'LA-SHEFFIELD',
    typicalPopulation: 6,
  },
  {
    code: 'SCH-AYCLIFFE',
    name: 'Aycliffe Secure Centre',
    type: 'SCH',
    localAuthorityCode: 'LA-DURHAM',
    typicalPopulation: 14,
  },
  {
    code: 'SCH-BARTON-MOSS',
    name: 'Barton Moss Secure Care Centre',
    type: 'SCH',
    localAuthorityCode: 'LA-SALFORD',
    typicalPopulation: 14,
  },
  {
    code: 'SCH-CLAYFIELDS-HOUSE',
    name: 'Clayfields House Secure Unit',
    type: 'SCH',
    localAuthorityCode: 'LA-NOTTINGHAMSHIRE',
    typicalPopulation: 10,
  },
  {
    code: 'SCH-HILLSIDE',
    name: "Hillside Secure Children's Home",
    type: 'SCH',
    localAuthorityCode: 'LA-NEATH-PORT-TALBOT',
    typicalPopulation: 8,
  },
  {
    code: 'SCH-KYLOE-HOUSE',
    name: 'Kyloe House',
    type: 'SCH',
    localAuthorityCode: 'LA-NORTHUMBERLAND',
    typicalPopulation: 7,
  },
  {
    code: 'SCH-LINCOLNSHIRE',
    name: 'Lincolnshire Secure Unit',
    type: 'SCH',
    localAuthorityCode: 'LA-LINCOLNSHIRE',
    typicalPopulation: 6,
  },
  {
    code: 'SCH-VINNEY-GREEN',
    name: 'Vinney Green Secure Unit',
    type: 'SCH',
    localAuthorityCode: 'LA-SOUTH-GLOUCESTERSHIRE',
    typicalPopulation: 14,
  },
  // Mainly welfare placements; youth justice placements are occasional.
  {
    code: 'SCH-ATKINSON',
    name: "Atkinson Secure Children's Home",
    type: 'SCH',
    localAuthorityCode: 'LA-DEVON',
    typicalPopulation: 1,
  },
  {
    code: 'SCH-CLARE-LODGE',
    name: 'Clare Lodge',
    type: 'SCH',
    localAuthorityCode: 'LA-PETERBOROUGH',
    typicalPopulation: 1,
  },
  {
    code: 'SCH-LANSDOWNE',
    name: 'Lansdowne Secure Unit',
    type: 'SCH',
    localAuthorityCode: 'LA-EAST-SUSSEX',
    typicalPopulation: 1,
  },
  {
    code: 'SCH-SWANWICK-LODGE',
    name: 'Swanwick Lodge',
    type: 'SCH',
    localAuthorityCode: 'LA-HAMPSHIRE',
    typicalPopulation: 2,
  },
];
