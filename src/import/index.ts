export { readImportFile, readImport, isImportFormat } from './read-import.js';
export { emptyImportSummary, rejectStoredRow, summariseImport, type ImportSummary } from './summary.js';
export { ImportError } from './errors.js';
export { IMPORT_FORMATS, type ImportFormat, type ImportOptions, type ImportRow, type ImportedItem } from './types.js';
export { parseCsv, type CsvRecord } from './csv.js';
