export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
