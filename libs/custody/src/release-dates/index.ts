export * from './release-dates';
