import { registerEnumType } from '@nestjs/graphql';

export enum ReferralType {
  /** To a local authority's accommodation team. */
  ACCOMMODATION = 'ACCOMMODATION',
  /** To a school, college, training provider or virtual school. */
  EDUCATION = 'EDUCATION',
  /** To CAMHS, substance misuse, speech and language therapy, a GP. */
  HEALTH = 'HEALTH',
}
registerEnumType(ReferralType, { name: 'ReferralType' });

export enum ReferralStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  INFORMATION_REQUESTED = 'INFORMATION_REQUESTED',
  OFFERED = 'OFFERED',
  CONFIRMED = 'CONFIRMED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  FELL_THROUGH = 'FELL_THROUGH',
}
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });
