export * from './read-model.port';
export * from './order-view/order-view.projection';
export * from './projector/projector';
export * from './sqlite/sqlite-projection-part';
export * from './sqlite/sqlite-parts';
export * from './sqlite/order-view.part';
export * from './sqlite/sqlite-read-models';
