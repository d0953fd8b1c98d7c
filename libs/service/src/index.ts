export * from './lib/service-catalogue';
export * from './lib/service-definition';
export * from './lib/service-options';
export * from './lib/service-platform.module';
export * from './lib/start-service';
