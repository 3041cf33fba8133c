export * from './grouping';
export * from './keeper';
export * from './keeper-rules';
export * from './policy';
export * from './same-picture-levels';
