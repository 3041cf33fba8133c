export * from './grouping';
export * from './keeper';
export * from './policy';
