export * from './engineClient';
export * from './createEngineClient';
export * from './bridgeClient';
export * from './httpClient';
export * from './errors';
export * from './EngineContext';
