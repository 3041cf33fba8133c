export * from './grouping';
export * from './keeper';
export * from './policy';
export * from './same-picture-levels';
