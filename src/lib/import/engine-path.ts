// Which CSVs take the engine path (DuckDB reads them; engine-csv.ts): decided on the page, so only
// those go to the worker's step, and again in the worker, which the page's choice does not bind.

/** Below this a CSV is parsed in JavaScript: quicker than the engine path's fixed cost in statements. */
export const ENGINE_MIN_BYTES = 4 * 1024 * 1024;

/** Whether a file of this size, its encoding not forced, is big enough for the engine path (if it is a CSV). */
export function sizedForEnginePath(size: number, options: { engineMinBytes?: number; encoding?: unknown }): boolean {
  return size >= (options.engineMinBytes ?? ENGINE_MIN_BYTES) && !options.encoding;
}
