// Where the synthetic children live and are held: home authorities weighted by population, establishments by size
// and nearness to home.
import type { LocalAuthorityRef, SecureEstablishmentRef } from '@resettle/organisations';
import { WeightedTable } from './random';
import { SyntheticGender } from './records';

// Placement near home (approximate): the Youth Custody Service places children close to home where it can.
const SAME_REGION_FACTOR = 5;
const NEIGHBOUR_REGION_FACTOR = 2;
const NEIGHBOUR_REGIONS: Record<string, string[]> = {
  'North East': ['North West', 'Yorkshire and the Humber'],
  'North West': ['North East', 'Yorkshire and the Humber', 'West Midlands', 'Wales'],
  'Yorkshire and the Humber': ['North East', 'North West', 'East Midlands'],
  'East Midlands': ['Yorkshire and the Humber', 'West Midlands', 'East of England', 'South East'],
  'West Midlands': ['North West', 'East Midlands', 'South West', 'South East', 'Wales'],
  'East of England': ['East Midlands', 'London', 'South East'],
  London: ['East of England', 'South East'],
  'South East': ['London', 'East of England', 'South West', 'East Midlands', 'West Midlands'],
  'South West': ['South East', 'West Midlands', 'Wales'],
  Wales: ['North West', 'West Midlands', 'South West'],
};

// Home authority weighting: resident population in thousands (approximate, ONS mid-2022 estimates rounded), with an
// uplift for London and the big cities, where more children are remanded and sentenced (approximate).
const POPULATION_THOUSANDS: Record<string, number> = {
  'LA-DURHAM': 522,
  'LA-DARLINGTON': 108,
  'LA-GATESHEAD': 196,
  'LA-HARTLEPOOL': 93,
  'LA-MIDDLESBROUGH': 144,
  'LA-NEWCASTLE-UPON-TYNE': 300,
  'LA-NORTH-TYNESIDE': 209,
  'LA-NORTHUMBERLAND': 320,
  'LA-REDCAR-AND-CLEVELAND': 137,
  'LA-SOUTH-TYNESIDE': 148,
  'LA-STOCKTON-ON-TEES': 197,
  'LA-SUNDERLAND': 274,
  'LA-BLACKBURN-WITH-DARWEN': 155,
  'LA-BLACKPOOL': 141,
  'LA-BOLTON': 296,
  'LA-BURY': 193,
  'LA-CHESHIRE-EAST': 398,
  'LA-CHESHIRE-WEST-AND-CHESTER': 357,
  'LA-CUMBERLAND': 274,
  'LA-WESTMORLAND-AND-FURNESS': 225,
  'LA-HALTON': 128,
  'LA-KNOWSLEY': 155,
  'LA-LANCASHIRE': 1235,
  'LA-LIVERPOOL': 486,
  'LA-MANCHESTER': 552,
  'LA-OLDHAM': 242,
  'LA-ROCHDALE': 223,
  'LA-SALFORD': 270,
  'LA-SEFTON': 279,
  'LA-ST-HELENS': 183,
  'LA-STOCKPORT': 294,
  'LA-TAMESIDE': 231,
  'LA-TRAFFORD': 235,
  'LA-WARRINGTON': 210,
  'LA-WIGAN': 330,
  'LA-WIRRAL': 320,
  'LA-BARNSLEY': 244,
  'LA-BRADFORD': 546,
  'LA-CALDERDALE': 206,
  'LA-DONCASTER': 308,
  'LA-EAST-RIDING-OF-YORKSHIRE': 342,
  'LA-HULL': 267,
  'LA-KIRKLEES': 433,
  'LA-LEEDS': 812,
  'LA-NORTH-EAST-LINCOLNSHIRE': 157,
  'LA-NORTH-LINCOLNSHIRE': 169,
  'LA-NORTH-YORKSHIRE': 615,
  'LA-ROTHERHAM': 265,
  'LA-SHEFFIELD': 556,
  'LA-WAKEFIELD': 353,
  'LA-YORK': 202,
  'LA-DERBY': 261,
  'LA-DERBYSHIRE': 794,
  'LA-LEICESTER': 368,
  'LA-LEICESTERSHIRE': 712,
  'LA-LINCOLNSHIRE': 768,
  'LA-NORTH-NORTHAMPTONSHIRE': 359,
  'LA-WEST-NORTHAMPTONSHIRE': 425,
  'LA-NOTTINGHAM': 323,
  'LA-NOTTINGHAMSHIRE': 824,
  'LA-RUTLAND': 41,
  'LA-BIRMINGHAM': 1145,
  'LA-COVENTRY': 345,
  'LA-DUDLEY': 323,
  'LA-HEREFORDSHIRE': 187,
  'LA-SANDWELL': 341,
  'LA-SHROPSHIRE': 323,
  'LA-SOLIHULL': 216,
  'LA-STAFFORDSHIRE': 876,
  'LA-STOKE-ON-TRENT': 258,
  'LA-TELFORD-AND-WREKIN': 185,
  'LA-WALSALL': 284,
  'LA-WARWICKSHIRE': 596,
  'LA-WOLVERHAMPTON': 263,
  'LA-WORCESTERSHIRE': 603,
  'LA-BEDFORD': 185,
  'LA-CAMBRIDGESHIRE': 678,
  'LA-CENTRAL-BEDFORDSHIRE': 294,
  'LA-ESSEX': 1503,
  'LA-HERTFORDSHIRE': 1198,
  'LA-LUTON': 225,
  'LA-NORFOLK': 916,
  'LA-PETERBOROUGH': 215,
  'LA-SOUTHEND-ON-SEA': 180,
  'LA-SUFFOLK': 760,
  'LA-THURROCK': 176,
  'LA-CITY-OF-LONDON': 9,
  'LA-BARKING-AND-DAGENHAM': 219,
  'LA-BARNET': 389,
  'LA-BEXLEY': 246,
  'LA-BRENT': 339,
  'LA-BROMLEY': 330,
  'LA-CAMDEN': 210,
  'LA-CROYDON': 390,
  'LA-EALING': 367,
  'LA-ENFIELD': 330,
  'LA-GREENWICH': 289,
  'LA-HACKNEY': 259,
  'LA-HAMMERSMITH-AND-FULHAM': 183,
  'LA-HARINGEY': 264,
  'LA-HARROW': 261,
  'LA-HAVERING': 262,
  'LA-HILLINGDON': 305,
  'LA-HOUNSLOW': 288,
  'LA-ISLINGTON': 216,
  'LA-KENSINGTON-AND-CHELSEA': 143,
  'LA-KINGSTON-UPON-THAMES': 168,
  'LA-LAMBETH': 317,
  'LA-LEWISHAM': 300,
  'LA-MERTON': 215,
  'LA-NEWHAM': 351,
  'LA-REDBRIDGE': 310,
  'LA-RICHMOND-UPON-THAMES': 195,
  'LA-SOUTHWARK': 307,
  'LA-SUTTON': 209,
  'LA-TOWER-HAMLETS': 310,
  'LA-WALTHAM-FOREST': 278,
  'LA-WANDSWORTH': 327,
  'LA-WESTMINSTER': 204,
  'LA-BRACKNELL-FOREST': 124,
  'LA-BRIGHTON-AND-HOVE': 277,
  'LA-BUCKINGHAMSHIRE': 553,
  'LA-EAST-SUSSEX': 545,
  'LA-HAMPSHIRE': 1400,
  'LA-ISLE-OF-WIGHT': 140,
  'LA-KENT': 1576,
  'LA-MEDWAY': 279,
  'LA-MILTON-KEYNES': 287,
  'LA-OXFORDSHIRE': 725,
  'LA-PORTSMOUTH': 208,
  'LA-READING': 174,
  'LA-SLOUGH': 158,
  'LA-SOUTHAMPTON': 249,
  'LA-SURREY': 1203,
  'LA-WEST-BERKSHIRE': 161,
  'LA-WEST-SUSSEX': 882,
  'LA-WINDSOR-AND-MAIDENHEAD': 153,
  'LA-WOKINGHAM': 177,
  'LA-BATH-AND-NORTH-EAST-SOMERSET': 193,
  'LA-BCP': 400,
  'LA-BRISTOL': 472,
  'LA-CORNWALL': 570,
  'LA-DEVON': 811,
  'LA-DORSET': 379,
  'LA-GLOUCESTERSHIRE': 645,
  'LA-ISLES-OF-SCILLY': 2,
  'LA-NORTH-SOMERSET': 216,
  'LA-PLYMOUTH': 264,
  'LA-SOMERSET': 571,
  'LA-SOUTH-GLOUCESTERSHIRE': 290,
  'LA-SWINDON': 233,
  'LA-TORBAY': 139,
  'LA-WILTSHIRE': 510,
  'LA-BLAENAU-GWENT': 67,
  'LA-BRIDGEND': 145,
  'LA-CAERPHILLY': 176,
  'LA-CARDIFF': 362,
  'LA-CARMARTHENSHIRE': 187,
  'LA-CEREDIGION': 71,
  'LA-CONWY': 114,
  'LA-DENBIGHSHIRE': 96,
  'LA-FLINTSHIRE': 155,
  'LA-GWYNEDD': 117,
  'LA-ISLE-OF-ANGLESEY': 69,
  'LA-MERTHYR-TYDFIL': 59,
  'LA-MONMOUTHSHIRE': 93,
  'LA-NEATH-PORT-TALBOT': 142,
  'LA-NEWPORT': 159,
  'LA-PEMBROKESHIRE': 123,
  'LA-POWYS': 133,
  'LA-RHONDDA-CYNON-TAF': 237,
  'LA-SWANSEA': 238,
  'LA-TORFAEN': 92,
  'LA-VALE-OF-GLAMORGAN': 132,
  'LA-WREXHAM': 135,
};
const DEFAULT_POPULATION_THOUSANDS = 150; // an authority missing from the table above
const LONDON_UPLIFT = 1.4;
const BIG_CITY_UPLIFT = 1.3;
const BIG_CITIES = new Set([
  'LA-BIRMINGHAM',
  'LA-MANCHESTER',
  'LA-LIVERPOOL',
  'LA-LEEDS',
  'LA-SHEFFIELD',
  'LA-BRISTOL',
  'LA-NOTTINGHAM',
  'LA-NEWCASTLE-UPON-TYNE',
  'LA-BRADFORD',
  'LA-LEICESTER',
  'LA-COVENTRY',
  'LA-WOLVERHAMPTON',
  'LA-SANDWELL',
  'LA-CARDIFF',
  'LA-SALFORD',
  'LA-MIDDLESBROUGH',
  'LA-HULL',
]);

export function homeWeight(la: LocalAuthorityRef): number {
  const population = POPULATION_THOUSANDS[la.code] ?? DEFAULT_POPULATION_THOUSANDS;
  const uplift = la.region === 'London' ? LONDON_UPLIFT : BIG_CITIES.has(la.code) ? BIG_CITY_UPLIFT : 1;
  return population * uplift;
}

export type PlacementClass = 'BOY_15_PLUS' | 'UNDER_15' | 'GIRL';

/**
 * Establishment choice, weighted by typicalPopulation and by nearness to home. YOIs hold boys aged 15-17, so girls
 * go to secure children's homes or the secure school, and under-15s to those or the STC.
 */
export class PlacementTables {
  private readonly cache = new Map<string, WeightedTable<string>>();

  constructor(
    private readonly establishments: SecureEstablishmentRef[],
    private readonly regionOf: Map<string, string>,
  ) {}

  pick(homeRegion: string | undefined, gender: SyntheticGender, age: number, r: number): string {
    const cls: PlacementClass = gender === 'FEMALE' ? 'GIRL' : age < 15 ? 'UNDER_15' : 'BOY_15_PLUS';
    const cacheKey = `${homeRegion ?? ''}|${cls}`;
    let table = this.cache.get(cacheKey);
    if (!table) {
      table = this.build(homeRegion, cls);
      this.cache.set(cacheKey, table);
    }
    return table.pick(r);
  }

  private build(homeRegion: string | undefined, cls: PlacementClass): WeightedTable<string> {
    const allowed = (e: SecureEstablishmentRef): boolean =>
      cls === 'BOY_15_PLUS' ||
      e.type === 'SCH' ||
      e.type === 'SECURE_SCHOOL' ||
      (cls === 'UNDER_15' && e.type === 'STC');
    // A custom estate without a suitable establishment still places everyone.
    const candidates = this.establishments.some(allowed) ? this.establishments.filter(allowed) : this.establishments;
    const neighbours = homeRegion ? (NEIGHBOUR_REGIONS[homeRegion] ?? []) : [];
    const weights = candidates.map((e) => {
      const region = this.regionOf.get(e.localAuthorityCode);
      const nearness =
        region !== undefined && region === homeRegion
          ? SAME_REGION_FACTOR
          : region !== undefined && neighbours.includes(region)
            ? NEIGHBOUR_REGION_FACTOR
            : 1;
      return Math.max(e.typicalPopulation, 0) * nearness;
    });
    return new WeightedTable(
      candidates.map((e) => e.code),
      weights,
    );
  }
}
