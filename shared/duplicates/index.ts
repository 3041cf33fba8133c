export * from './grouping';
export * from './keeper';
