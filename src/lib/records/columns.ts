// Which columns a record table lists, searches and sorts by, per canonical table. The lists are
// ours (never from the URL or a file), so a column name reaching SQL is always a declared one.
import { identifiesPerson } from '$lib/privacy';
import { TABLES, keyColumn, type ColumnSpec, type TableName } from '$lib/schema';

export type RecordTableName = 'tickets' | 'grid_events' | 'enterprise_requests';

export const RECORD_TABLE_NAMES: readonly RecordTableName[] = ['tickets', 'grid_events', 'enterprise_requests'];

interface RecordLayout {
  /** Columns of the table view, in order; the key comes first. */
  list: readonly string[];
  /** Text columns the search box looks in: the ones a person would quote from memory. */
  search: readonly string[];
}

const LAYOUTS: Readonly<Record<RecordTableName, RecordLayout>> = {
  tickets: {
    list: ['ticket_id', 'received_at', 'township', 'department', 'request_type', 'category', 'urgency', 'status', 'satisfaction', 'caller_name', 'caller_phone', 'content'],
    search: ['ticket_id', 'upper_ticket_id', 'content', 'address', 'category', 'department', 'township', 'caller_name', 'caller_phone'],
  },
  grid_events: {
    list: ['event_id', 'reported_at', 'township', 'village', 'grid_name', 'worker_name', 'event_type', 'status', 'verified_at', 'description'],
    search: ['event_id', 'description', 'address', 'village', 'grid_name', 'event_type', 'worker_name'],
  },
  enterprise_requests: {
    list: ['request_id', 'received_at', 'enterprise_name', 'township', 'department', 'policy_area', 'request_type', 'specialist', 'closed_at', 'satisfaction'],
    search: ['request_id', 'enterprise_name', 'credit_code', 'policy_area', 'department', 'specialist', 'township'],
  },
};

function spec(table: RecordTableName, name: string): ColumnSpec {
  const column = TABLES[table].columns.find((c) => c.name === name);
  if (!column) throw new Error(`${table} has no column ${name}`);
  return column;
}

export function listColumns(table: RecordTableName): ColumnSpec[] {
  return LAYOUTS[table].list.map((name) => spec(table, name));
}

/**
 * Columns the search looks in. Names and phone numbers only when personal data is shown:
 * otherwise typing digits would reveal whose hidden number matches. (Addresses and free text stay
 * searchable by street or word; the numbers in them are masked on screen either way.)
 */
export function searchColumns(table: RecordTableName, showPersonal: boolean): ColumnSpec[] {
  return LAYOUTS[table].search.map((name) => spec(table, name)).filter((c) => showPersonal || !identifiesPerson(c.pii));
}

/** Every declared column, in schema order: what the detail panel shows. */
export function detailColumns(table: RecordTableName): readonly ColumnSpec[] {
  return TABLES[table].columns;
}

export function recordKey(table: RecordTableName): ColumnSpec {
  return keyColumn(TABLES[table]);
}

export function isRecordTable(name: string): name is RecordTableName {
  return (RECORD_TABLE_NAMES as readonly string[]).includes(name);
}

export function isListedColumn(table: TableName, name: string): boolean {
  return isRecordTable(table) && LAYOUTS[table].list.includes(name);
}
