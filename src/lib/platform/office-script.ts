// Entry of the `office` side script (scripts/build-side-scripts.mjs): the libraries for the office
// formats, which only exports and findings files need, kept out of the app's first load.
import * as XLSX from '@e965/xlsx';
import PptxGenJS from 'pptxgenjs';

const scripts = ((self as unknown as { __workbenchScripts?: Record<string, unknown> }).__workbenchScripts ??= {});
scripts.office = { XLSX, PptxGenJS };
