// SheetJS and PptxGenJS, loaded the first time a workbook or a deck is made or read. In the
// browser they come from the `office` side script (office-script.ts); in Node (the unit tests)
// straight from node_modules. Either way the app's first load does not carry them.
import type * as SheetJS from '@e965/xlsx';
import type PptxGenJSClass from 'pptxgenjs';
import { takeScriptPayload } from './classic-script';

export interface OfficeLibraries {
  XLSX: typeof SheetJS;
  PptxGenJS: typeof PptxGenJSClass;
}

let loading: Promise<OfficeLibraries> | null = null;

async function fromNodeModules(): Promise<OfficeLibraries> {
  // Variable specifiers, so that no bundler pulls the libraries into the app bundle.
  const xlsx = '@e965/xlsx';
  const pptx = 'pptxgenjs';
  const [XLSX, pptxModule] = await Promise.all([import(/* @vite-ignore */ xlsx), import(/* @vite-ignore */ pptx)]);
  return { XLSX, PptxGenJS: pptxModule.default ?? pptxModule };
}

export function officeLibraries(): Promise<OfficeLibraries> {
  loading ??= typeof document === 'undefined' ? fromNodeModules() : takeScriptPayload<OfficeLibraries>('engine/office.js', 'office');
  loading.catch(() => (loading = null));
  return loading;
}
