// The ticket page's linked views (#/tickets): one definition of each view (./views), the views a
// brush index answers (./brush-views), their exact queries (./exact), and where a view's rows come
// from (./source, ./indexed-source). Used by the page, the equivalence tests and the bench alike.
export * from './views';
export { TICKET_PAGE_BRUSH_VIEWS } from './brush-views';
export { exactViewQuery, prepareExact } from './exact';
export { exactTicketSource, requestKey, TicketViewSources, type TicketViewRequest, type TicketViewSource } from './source';
export { IndexedTicketSource, indexedOrExact, indexedNow, onlyBrushed, baseKey, BRUSH_CHANNEL, type IndexBase, type SourceEngine } from './indexed-source';
