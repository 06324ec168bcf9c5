export * from './document.ts';
export * from './fork-join.ts';
export * from './graph.ts';
export * from './import/index.ts';
export * from './migrate.ts';
export * from './summary.ts';
export * from './validation.ts';
export * from './waktu.ts';
