// Dataset exports for researchers (issue #11): tables, formats, the data package, one export.
export {
  type ExportOptions,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  exportDataset,
} from './export.ts';
export { type ExportFormat, FORMATS } from './formats.ts';
export { type FieldSpec, type FieldType, TABLE_NAMES, TABLES, type TableName } from './tables.ts';
