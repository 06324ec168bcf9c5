export { DEFAULT_XML_LIMITS, XmlLimitError, type XmlLimits } from '../xml/xml-guard.ts';
export {
  type ArchiveBudget,
  ArchiveBudgetError,
  type ArchiveCheckOptions,
  type ArchiveLimitKind,
  assertArchiveWithinBudget,
  checkDeclaredBudget,
  DEFAULT_ARCHIVE_BUDGET,
  readArchiveEntry,
} from './archive-budget.ts';
export { NotAnArchiveError, readZipDirectory, type ZipEntry } from './zip-directory.ts';
