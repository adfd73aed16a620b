export const PORTAL_REDIS = Symbol('PORTAL_REDIS');
