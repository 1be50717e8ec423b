export * from './result';
export * from './schemas';
export * from './workflow-schemas';
export * from './channels';
export * from './api';
export * from './wire';
export * from './socket-protocol';
