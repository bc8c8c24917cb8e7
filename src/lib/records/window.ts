// Which rows to fetch for what is on screen. Rows arrive in blocks a page apart, and the block
// spans the page before and after the visible one, so scrolling within a page fetches nothing
// and the next page is usually there before it scrolls into view.

export const PAGE_ROWS = 100;

export interface RowWindow {
  offset: number;
  limit: number;
}

/** The block covering visible rows `first` … `last` (inclusive) of `total`. */
export function rowWindow(first: number, last: number, total: number, page = PAGE_ROWS): RowWindow {
  if (total <= 0) return { offset: 0, limit: 0 };
  const startPage = Math.max(0, Math.floor(Math.max(0, first) / page) - 1);
  const endPage = Math.floor(Math.min(total - 1, Math.max(first, last)) / page) + 1;
  const offset = startPage * page;
  return { offset, limit: Math.min(total, (endPage + 1) * page) - offset };
}

export function windowCovers(window: RowWindow, first: number, last: number): boolean {
  return first >= window.offset && last < window.offset + window.limit;
}
