// The module's workbooks are built by the platform's builder (shared with the overview and intake).
export { buildWorkbook, type Sheet } from '../../platform/spreadsheet.js';
