export * from './read-model.port';
export * from './order-view/order-view.projection';
export * from './projector/projector';
export * from './sqlite/sqlite-read-models';
