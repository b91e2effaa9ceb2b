export * from './sources';
export * from './articles';
export * from './events';
export * from './entities';
export * from './claims';
export * from './subscriptions';
export * from './status-changes';
export * from './delivery';
