/** What the workbench cannot run without; a browser missing any of these gets a plain message. */
export function missingCapabilities(scope: typeof globalThis = globalThis): string[] {
  const missing: string[] = [];
  if (typeof scope.WebAssembly !== 'object') missing.push('WebAssembly');
  if (typeof scope.Worker !== 'function') missing.push('Web Workers');
  if (typeof scope.indexedDB !== 'object' || scope.indexedDB === null) missing.push('IndexedDB');
  if (typeof scope.DecompressionStream !== 'function') missing.push('DecompressionStream');
  return missing;
}
