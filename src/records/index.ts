export { buildCaseRecord, caseNumberOf, type CaseRecord } from './case-record.js';
export { buildCaseRecordFiles, exportCaseRecord, type RecordOptions, type WrittenRecord } from './export.js';
export { renderCaseRecordPdf } from './pdf.js';
