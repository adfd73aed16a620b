export * from './entities/accommodation-arrangement.entity';
export * from './entities/child-told-where-living.entity';
export * from './entities/childrens-services-informed.entity';
export * from './entities/ete-placement.entity';
export * from './entities/health-handover.entity';
export * from './facts.service';
export * from './facts-enums';
export * from './plan-fact-sources';
