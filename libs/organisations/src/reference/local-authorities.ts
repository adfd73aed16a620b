// Local authorities with children's services responsibility in England and Wales, as constituted in 2024-25.
// England: the 153 upper-tier authorities (county councils, unitary authorities, metropolitan boroughs, London
// boroughs, the City of London and the Isles of Scilly), after the 2023 reorganisation that replaced Cumbria with
// Cumberland and Westmorland and Furness and made North Yorkshire and Somerset unitary. Wales: the 22 principal
// councils. Each authority has a youth justice service (statutory lead for resettlement), children's services
// (every remanded child is looked after) and an accommodation team, so the authority is the anchor for all three.
//
// `code` is a stable slug used as a key in seeded data: never change one; if an authority is renamed, change
// `name`/`shortName` and keep the code.

export interface LocalAuthorityRef {
  /** Stable slug, e.g. 'LA-BIRMINGHAM'. */
  code: string;
  /** Council's public name, e.g. 'Birmingham City Council'. */
  name: string;
  /** Place name used to build partner names, e.g. 'Birmingham' -> 'Birmingham Youth Justice Service'. */
  shortName: string;
  nation: 'ENGLAND' | 'WALES';
  /** English region (ONS), e.g. 'West Midlands', or 'Wales'. */
  region: string;
}

export const LOCAL_AUTHORITIES: LocalAuthorityRef[] = [
  // North East (12)
  { code: 'LA-DURHAM', name: 'Durham County Council', shortName: 'County Durham', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-DARLINGTON', name: 'Darlington Borough Council', shortName: 'Darlington', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-GATESHEAD', name: 'Gateshead Council', shortName: 'Gateshead', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-HARTLEPOOL', name: 'Hartlepool Borough Council', shortName: 'Hartlepool', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-MIDDLESBROUGH', name: 'Middlesbrough Council', shortName: 'Middlesbrough', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-NEWCASTLE-UPON-TYNE', name: 'Newcastle City Council', shortName: 'Newcastle upon Tyne', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-NORTH-TYNESIDE', name: 'North Tyneside Council', shortName: 'North Tyneside', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-NORTHUMBERLAND', name: 'Northumberland County Council', shortName: 'Northumberland', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-REDCAR-AND-CLEVELAND', name: 'Redcar and Cleveland Borough Council', shortName: 'Redcar and Cleveland', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-SOUTH-TYNESIDE', name: 'South Tyneside Council', shortName: 'South Tyneside', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-STOCKTON-ON-TEES', name: 'Stockton-on-Tees Borough Council', shortName: 'Stockton-on-Tees', nation: 'ENGLAND', region: 'North East' },
  { code: 'LA-SUNDERLAND', name: 'Sunderland City Council', shortName: 'Sunderland', nation: 'ENGLAND', region: 'North East' },

  // North West (24)
  { code: 'LA-BLACKBURN-WITH-DARWEN', name: 'Blackburn with Darwen Borough Council', shortName: 'Blackburn with Darwen', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-BLACKPOOL', name: 'Blackpool Council', shortName: 'Blackpool', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-BOLTON', name: 'Bolton Council', shortName: 'Bolton', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-BURY', name: 'Bury Council', shortName: 'Bury', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-CHESHIRE-EAST', name: 'Cheshire East Council', shortName: 'Cheshire East', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-CHESHIRE-WEST-AND-CHESTER', name: 'Cheshire West and Chester Council', shortName: 'Cheshire West and Chester', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-CUMBERLAND', name: 'Cumberland Council', shortName: 'Cumberland', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-WESTMORLAND-AND-FURNESS', name: 'Westmorland and Furness Council', shortName: 'Westmorland and Furness', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-HALTON', name: 'Halton Borough Council', shortName: 'Halton', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-KNOWSLEY', name: 'Knowsley Council', shortName: 'Knowsley', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-LANCASHIRE', name: 'Lancashire County Council', shortName: 'Lancashire', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-LIVERPOOL', name: 'Liverpool City Council', shortName: 'Liverpool', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-MANCHESTER', name: 'Manchester City Council', shortName: 'Manchester', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-OLDHAM', name: 'Oldham Council', shortName: 'Oldham', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-ROCHDALE', name: 'Rochdale Borough Council', shortName: 'Rochdale', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-SALFORD', name: 'Salford City Council', shortName: 'Salford', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-SEFTON', name: 'Sefton Council', shortName: 'Sefton', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-ST-HELENS', name: 'St Helens Borough Council', shortName: 'St Helens', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-STOCKPORT', name: 'Stockport Council', shortName: 'Stockport', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-TAMESIDE', name: 'Tameside Council', shortName: 'Tameside', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-TRAFFORD', name: 'Trafford Council', shortName: 'Trafford', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-WARRINGTON', name: 'Warrington Borough Council', shortName: 'Warrington', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-WIGAN', name: 'Wigan Council', shortName: 'Wigan', nation: 'ENGLAND', region: 'North West' },
  { code: 'LA-WIRRAL', name: 'Wirral Council', shortName: 'Wirral', nation: 'ENGLAND', region: 'North West' },

  // Yorkshire and the Humber (15)
  { code: 'LA-BARNSLEY', name: 'Barnsley Council', shortName: 'Barnsley', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-BRADFORD', name: 'City of Bradford Metropolitan District Council', shortName: 'Bradford', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-CALDERDALE', name: 'Calderdale Council', shortName: 'Calderdale', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-DONCASTER', name: 'City of Doncaster Council', shortName: 'Doncaster', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-EAST-RIDING-OF-YORKSHIRE', name: 'East Riding of Yorkshire Council', shortName: 'East Riding of Yorkshire', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-HULL', name: 'Hull City Council', shortName: 'Hull', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-KIRKLEES', name: 'Kirklees Council', shortName: 'Kirklees', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-LEEDS', name: 'Leeds City Council', shortName: 'Leeds', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-NORTH-EAST-LINCOLNSHIRE', name: 'North East Lincolnshire Council', shortName: 'North East Lincolnshire', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-NORTH-LINCOLNSHIRE', name: 'North Lincolnshire Council', shortName: 'North Lincolnshire', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-NORTH-YORKSHIRE', name: 'North Yorkshire Council', shortName: 'North Yorkshire', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-ROTHERHAM', name: 'Rotherham Metropolitan Borough Council', shortName: 'Rotherham', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-SHEFFIELD', name: 'Sheffield City Council', shortName: 'Sheffield', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-WAKEFIELD', name: 'Wakefield Council', shortName: 'Wakefield', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },
  { code: 'LA-YORK', name: 'City of York Council', shortName: 'York', nation: 'ENGLAND', region: 'Yorkshire and the Humber' },

  // East Midlands (10)
  { code: 'LA-DERBY', name: 'Derby City Council', shortName: 'Derby', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-DERBYSHIRE', name: 'Derbyshire County Council', shortName: 'Derbyshire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-LEICESTER', name: 'Leicester City Council', shortName: 'Leicester', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-LEICESTERSHIRE', name: 'Leicestershire County Council', shortName: 'Leicestershire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-LINCOLNSHIRE', name: 'Lincolnshire County Council', shortName: 'Lincolnshire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-NORTH-NORTHAMPTONSHIRE', name: 'North Northamptonshire Council', shortName: 'North Northamptonshire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-WEST-NORTHAMPTONSHIRE', name: 'West Northamptonshire Council', shortName: 'West Northamptonshire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-NOTTINGHAM', name: 'Nottingham City Council', shortName: 'Nottingham', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-NOTTINGHAMSHIRE', name: 'Nottinghamshire County Council', shortName: 'Nottinghamshire', nation: 'ENGLAND', region: 'East Midlands' },
  { code: 'LA-RUTLAND', name: 'Rutland County Council', shortName: 'Rutland', nation: 'ENGLAND', region: 'East Midlands' },

  // West Midlands (14)
  { code: 'LA-BIRMINGHAM', name: 'Birmingham City Council', shortName: 'Birmingham', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-COVENTRY', name: 'Coventry City Council', shortName: 'Coventry', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-DUDLEY', name: 'Dudley Metropolitan Borough Council', shortName: 'Dudley', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-HEREFORDSHIRE', name: 'Herefordshire Council', shortName: 'Herefordshire', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-SANDWELL', name: 'Sandwell Metropolitan Borough Council', shortName: 'Sandwell', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-SHROPSHIRE', name: 'Shropshire Council', shortName: 'Shropshire', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-SOLIHULL', name: 'Solihull Metropolitan Borough Council', shortName: 'Solihull', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-STAFFORDSHIRE', name: 'Staffordshire County Council', shortName: 'Staffordshire', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-STOKE-ON-TRENT', name: 'Stoke-on-Trent City Council', shortName: 'Stoke-on-Trent', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-TELFORD-AND-WREKIN', name: 'Telford and Wrekin Council', shortName: 'Telford and Wrekin', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-WALSALL', name: 'Walsall Council', shortName: 'Walsall', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-WARWICKSHIRE', name: 'Warwickshire County Council', shortName: 'Warwickshire', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-WOLVERHAMPTON', name: 'City of Wolverhampton Council', shortName: 'Wolverhampton', nation: 'ENGLAND', region: 'West Midlands' },
  { code: 'LA-WORCESTERSHIRE', name: 'Worcestershire County Council', shortName: 'Worcestershire', nation: 'ENGLAND', region: 'West Midlands' },

  // East of England (11)
  { code: 'LA-BEDFORD', name: 'Bedford Borough Council', shortName: 'Bedford', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-CAMBRIDGESHIRE', name: 'Cambridgeshire County Council', shortName: 'Cambridgeshire', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-CENTRAL-BEDFORDSHIRE', name: 'Central Bedfordshire Council', shortName: 'Central Bedfordshire', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-ESSEX', name: 'Essex County Council', shortName: 'Essex', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-HERTFORDSHIRE', name: 'Hertfordshire County Council', shortName: 'Hertfordshire', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-LUTON', name: 'Luton Borough Council', shortName: 'Luton', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-NORFOLK', name: 'Norfolk County Council', shortName: 'Norfolk', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-PETERBOROUGH', name: 'Peterborough City Council', shortName: 'Peterborough', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-SOUTHEND-ON-SEA', name: 'Southend-on-Sea City Council', shortName: 'Southend-on-Sea', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-SUFFOLK', name: 'Suffolk County Council', shortName: 'Suffolk', nation: 'ENGLAND', region: 'East of England' },
  { code: 'LA-THURROCK', name: 'Thurrock Council', shortName: 'Thurrock', nation: 'ENGLAND', region: 'East of England' },

  // London (33)
  { code: 'LA-CITY-OF-LONDON', name: 'City of London Corporation', shortName: 'City of London', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-BARKING-AND-DAGENHAM', name: 'London Borough of Barking and Dagenham', shortName: 'Barking and Dagenham', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-BARNET', name: 'London Borough of Barnet', shortName: 'Barnet', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-BEXLEY', name: 'London Borough of Bexley', shortName: 'Bexley', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-BRENT', name: 'London Borough of Brent', shortName: 'Brent', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-BROMLEY', name: 'London Borough of Bromley', shortName: 'Bromley', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-CAMDEN', name: 'London Borough of Camden', shortName: 'Camden', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-CROYDON', name: 'London Borough of Croydon', shortName: 'Croydon', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-EALING', name: 'London Borough of Ealing', shortName: 'Ealing', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-ENFIELD', name: 'London Borough of Enfield', shortName: 'Enfield', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-GREENWICH', name: 'Royal Borough of Greenwich', shortName: 'Greenwich', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HACKNEY', name: 'London Borough of Hackney', shortName: 'Hackney', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HAMMERSMITH-AND-FULHAM', name: 'London Borough of Hammersmith and Fulham', shortName: 'Hammersmith and Fulham', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HARINGEY', name: 'London Borough of Haringey', shortName: 'Haringey', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HARROW', name: 'London Borough of Harrow', shortName: 'Harrow', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HAVERING', name: 'London Borough of Havering', shortName: 'Havering', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HILLINGDON', name: 'London Borough of Hillingdon', shortName: 'Hillingdon', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-HOUNSLOW', name: 'London Borough of Hounslow', shortName: 'Hounslow', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-ISLINGTON', name: 'London Borough of Islington', shortName: 'Islington', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-KENSINGTON-AND-CHELSEA', name: 'Royal Borough of Kensington and Chelsea', shortName: 'Kensington and Chelsea', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-KINGSTON-UPON-THAMES', name: 'Royal Borough of Kingston upon Thames', shortName: 'Kingston upon Thames', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-LAMBETH', name: 'London Borough of Lambeth', shortName: 'Lambeth', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-LEWISHAM', name: 'London Borough of Lewisham', shortName: 'Lewisham', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-MERTON', name: 'London Borough of Merton', shortName: 'Merton', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-NEWHAM', name: 'London Borough of Newham', shortName: 'Newham', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-REDBRIDGE', name: 'London Borough of Redbridge', shortName: 'Redbridge', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-RICHMOND-UPON-THAMES', name: 'London Borough of Richmond upon Thames', shortName: 'Richmond upon Thames', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-SOUTHWARK', name: 'London Borough of Southwark', shortName: 'Southwark', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-SUTTON', name: 'London Borough of Sutton', shortName: 'Sutton', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-TOWER-HAMLETS', name: 'London Borough of Tower Hamlets', shortName: 'Tower Hamlets', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-WALTHAM-FOREST', name: 'London Borough of Waltham Forest', shortName: 'Waltham Forest', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-WANDSWORTH', name: 'London Borough of Wandsworth', shortName: 'Wandsworth', nation: 'ENGLAND', region: 'London' },
  { code: 'LA-WESTMINSTER', name: 'Westminster City Council', shortName: 'Westminster', nation: 'ENGLAND', region: 'London' },

  // South East (19)
  { code: 'LA-BRACKNELL-FOREST', name: 'Bracknell Forest Council', shortName: 'Bracknell Forest', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-BRIGHTON-AND-HOVE', name: 'Brighton and Hove City Council', shortName: 'Brighton and Hove', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-BUCKINGHAMSHIRE', name: 'Buckinghamshire Council', shortName: 'Buckinghamshire', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-EAST-SUSSEX', name: 'East Sussex County Council', shortName: 'East Sussex', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-HAMPSHIRE', name: 'Hampshire County Council', shortName: 'Hampshire', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-ISLE-OF-WIGHT', name: 'Isle of Wight Council', shortName: 'Isle of Wight', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-KENT', name: 'Kent County Council', shortName: 'Kent', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-MEDWAY', name: 'Medway Council', shortName: 'Medway', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-MILTON-KEYNES', name: 'Milton Keynes City Council', shortName: 'Milton Keynes', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-OXFORDSHIRE', name: 'Oxfordshire County Council', shortName: 'Oxfordshire', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-PORTSMOUTH', name: 'Portsmouth City Council', shortName: 'Portsmouth', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-READING', name: 'Reading Borough Council', shortName: 'Reading', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-SLOUGH', name: 'Slough Borough Council', shortName: 'Slough', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-SOUTHAMPTON', name: 'Southampton City Council', shortName: 'Southampton', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-SURREY', name: 'Surrey County Council', shortName: 'Surrey', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-WEST-BERKSHIRE', name: 'West Berkshire Council', shortName: 'West Berkshire', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-WEST-SUSSEX', name: 'West Sussex County Council', shortName: 'West Sussex', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-WINDSOR-AND-MAIDENHEAD', name: 'Royal Borough of Windsor and Maidenhead', shortName: 'Windsor and Maidenhead', nation: 'ENGLAND', region: 'South East' },
  { code: 'LA-WOKINGHAM', name: 'Wokingham Borough Council', shortName: 'Wokingham', nation: 'ENGLAND', region: 'South East' },

  // South West (15)
  { code: 'LA-BATH-AND-NORTH-EAST-SOMERSET', name: 'Bath and North East Somerset Council', shortName: 'Bath and North East Somerset', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-BCP', name: 'Bournemouth, Christchurch and Poole Council', shortName: 'Bournemouth, Christchurch and Poole', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-BRISTOL', name: 'Bristol City Council', shortName: 'Bristol', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-CORNWALL', name: 'Cornwall Council', shortName: 'Cornwall', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-DEVON', name: 'Devon County Council', shortName: 'Devon', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-DORSET', name: 'Dorset Council', shortName: 'Dorset', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-GLOUCESTERSHIRE', name: 'Gloucestershire County Council', shortName: 'Gloucestershire', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-ISLES-OF-SCILLY', name: 'Council of the Isles of Scilly', shortName: 'Isles of Scilly', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-NORTH-SOMERSET', name: 'North Somerset Council', shortName: 'North Somerset', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-PLYMOUTH', name: 'Plymouth City Council', shortName: 'Plymouth', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-SOMERSET', name: 'Somerset Council', shortName: 'Somerset', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-SOUTH-GLOUCESTERSHIRE', name: 'South Gloucestershire Council', shortName: 'South Gloucestershire', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-SWINDON', name: 'Swindon Borough Council', shortName: 'Swindon', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-TORBAY', name: 'Torbay Council', shortName: 'Torbay', nation: 'ENGLAND', region: 'South West' },
  { code: 'LA-WILTSHIRE', name: 'Wiltshire Council', shortName: 'Wiltshire', nation: 'ENGLAND', region: 'South West' },

  // Wales (22)
  { code: 'LA-BLAENAU-GWENT', name: 'Blaenau Gwent County Borough Council', shortName: 'Blaenau Gwent', nation: 'WALES', region: 'Wales' },
  { code: 'LA-BRIDGEND', name: 'Bridgend County Borough Council', shortName: 'Bridgend', nation: 'WALES', region: 'Wales' },
  { code: 'LA-CAERPHILLY', name: 'Caerphilly County Borough Council', shortName: 'Caerphilly', nation: 'WALES', region: 'Wales' },
  { code: 'LA-CARDIFF', name: 'Cardiff Council', shortName: 'Cardiff', nation: 'WALES', region: 'Wales' },
  { code: 'LA-CARMARTHENSHIRE', name: 'Carmarthenshire County Council', shortName: 'Carmarthenshire', nation: 'WALES', region: 'Wales' },
  { code: 'LA-CEREDIGION', name: 'Ceredigion County Council', shortName: 'Ceredigion', nation: 'WALES', region: 'Wales' },
  { code: 'LA-CONWY', name: 'Conwy County Borough Council', shortName: 'Conwy', nation: 'WALES', region: 'Wales' },
  { code: 'LA-DENBIGHSHIRE', name: 'Denbighshire County Council', shortName: 'Denbighshire', nation: 'WALES', region: 'Wales' },
  { code: 'LA-FLINTSHIRE', name: 'Flintshire County Council', shortName: 'Flintshire', nation: 'WALES', region: 'Wales' },
  { code: 'LA-GWYNEDD', name: 'Gwynedd Council', shortName: 'Gwynedd', nation: 'WALES', region: 'Wales' },
  { code: 'LA-ISLE-OF-ANGLESEY', name: 'Isle of Anglesey County Council', shortName: 'Isle of Anglesey', nation: 'WALES', region: 'Wales' },
  { code: 'LA-MERTHYR-TYDFIL', name: 'Merthyr Tydfil County Borough Council', shortName: 'Merthyr Tydfil', nation: 'WALES', region: 'Wales' },
  { code: 'LA-MONMOUTHSHIRE', name: 'Monmouthshire County Council', shortName: 'Monmouthshire', nation: 'WALES', region: 'Wales' },
  { code: 'LA-NEATH-PORT-TALBOT', name: 'Neath Port Talbot County Borough Council', shortName: 'Neath Port Talbot', nation: 'WALES', region: 'Wales' },
  { code: 'LA-NEWPORT', name: 'Newport City Council', shortName: 'Newport', nation: 'WALES', region: 'Wales' },
  { code: 'LA-PEMBROKESHIRE', name: 'Pembrokeshire County Council', shortName: 'Pembrokeshire', nation: 'WALES', region: 'Wales' },
  { code: 'LA-POWYS', name: 'Powys County Council', shortName: 'Powys', nation: 'WALES', region: 'Wales' },
  { code: 'LA-RHONDDA-CYNON-TAF', name: 'Rhondda Cynon Taf County Borough Council', shortName: 'Rhondda Cynon Taf', nation: 'WALES', region: 'Wales' },
  { code: 'LA-SWANSEA', name: 'Swansea Council', shortName: 'Swansea', nation: 'WALES', region: 'Wales' },
  { code: 'LA-TORFAEN', name: 'Torfaen County Borough Council', shortName: 'Torfaen', nation: 'WALES', region: 'Wales' },
  { code: 'LA-VALE-OF-GLAMORGAN', name: 'Vale of Glamorgan Council', shortName: 'Vale of Glamorgan', nation: 'WALES', region: 'Wales' },
  { code: 'LA-WREXHAM', name: 'Wrexham County Borough Council', shortName: 'Wrexham', nation: 'WALES', region: 'Wales' },
];
