// `@alur/schema/core`: the zod-free part of the schema package, for the apps' bundles (the phone
// runtime must not load zod). Only `import type` from the zod modules is allowed here.

// Zod-free modules outside core/, for the runtime's forms (same checks as the server).
export * from '../field-rules.ts';
export * from '../form-data.ts';
export * from '../form-values.ts';
export * from '../nik.ts';
export * from './agency-time.ts';
export * from './api-error.ts';
export * from './geometry.ts';
export * from './lanes.ts';
export * from './letter-number.ts';
export * from './waktu-format.ts';
