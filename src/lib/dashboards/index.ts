// What a dashboard page asks for, in one place: the cross-filter scope and its address
// (./scope, ./page-state), and each page's named queries (./overview, ./grid, ./enterprise,
// ./rankings; the ticket page's linked views in ./tickets). The only door other areas use. The
// runes modules — ./page-query.svelte (a page's live query) and ./tickets/linked.svelte (the
// ticket page's linked views and brush index) — are imported by path, so this index stays
// importable from plain TypeScript (unit tests, the report command, the bench).
export * from './scope';
export * from './page-state';
export * from './overview';
export * from './grid';
export * from './enterprise';
export * from './rankings';
