export * from './entities';
export * from './events';
export * from './methods';
export * from './transport';
export * from './bridge';
export * from './photo-formats';
