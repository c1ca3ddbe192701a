export * from './domain/event';
export * from './domain/question';
export * from './domain/text';
export * from './protocol/errors';
export * from './protocol/events';
export * from './protocol/schemas';
export * from './protocol/version';
