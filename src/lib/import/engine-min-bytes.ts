/** Below this a CSV is parsed in JavaScript: quicker than the engine path's fixed cost in statements. */
export const ENGINE_MIN_BYTES = 4 * 1024 * 1024;
