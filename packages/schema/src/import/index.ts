export { LAYOUT, makeLaneId, splitKelengkapan } from './build-document.ts';
export { detectDecisionProse } from './decisions.ts';
export type { TableColumns } from './header.ts';
export {
  type ImportMeta,
  importSopGrid,
  normalizeGrid,
  readSopRows,
  type SopTableRows,
} from './import-grid.ts';
export type {
  ImportError,
  ImportErrorCode,
  ImportGuess,
  ImportGuessKind,
  ImportReport,
  ImportResult,
} from './import-result.ts';
export { importSopTable, importSopTables, locateSopTables, splitTextGrid } from './import-text.ts';
export { bindLaneName, IMPORT_POSITION_KEYS, type ImportPositionKey, type LaneBinding } from './lanes.ts';
export type { RawRow } from './read-rows.ts';
