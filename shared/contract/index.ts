export * from './entities';
export * from './events';
export * from './methods';
export * from './transport';
export * from './errors';
export * from './bridge';
export * from './photo-formats';
export * from './keeper-rule';
