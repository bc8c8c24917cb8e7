// Example statements offered beside the editor: each shows one thing a power user does with the
// assessment tables. Labels are message keys; the SQL is shown and run exactly as written.
import type { MessageKey } from '$lib/i18n';

export interface ExampleQuery {
  id: string;
  label: MessageKey;
  sql: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    id: 'by-township',
    label: 'sql.example.byTownship',
    sql: 'SELECT township, count(*) AS n\nFROM tickets\nGROUP BY 1\nORDER BY 1',
  },
  {
    id: 'monthly',
    label: 'sql.example.monthly',
    sql: "SELECT date_trunc('month', received_at)::DATE AS month, count(*) AS tickets\nFROM tickets\nGROUP BY 1\nORDER BY 1",
  },
  {
    id: 'satisfaction',
    label: 'sql.example.satisfaction',
    sql:
      "SELECT department,\n       count(*) FILTER (WHERE satisfaction IS NOT NULL) AS rated,\n       round(avg(CASE WHEN satisfaction IN ('满意', '基本满意') THEN 1.0 WHEN satisfaction = '不满意' THEN 0.0 END), 4) AS satisfied_share\nFROM tickets\nGROUP BY 1\nORDER BY rated DESC",
  },
  {
    id: 'overdue',
    label: 'sql.example.overdue',
    sql:
      "SELECT ticket_id, received_at, township, department, deadline_at, closed_at, caller_name, caller_phone\nFROM tickets\nWHERE closed_at > deadline_at\nORDER BY closed_at - deadline_at DESC\nLIMIT 500",
  },
  {
    id: 'grid-loop',
    label: 'sql.example.gridLoop',
    sql:
      "SELECT township, count(*) AS events,\n       round(median(date_diff('minute', reported_at, verified_at)) / 60.0, 1) AS median_hours_to_verify\nFROM grid_events\nGROUP BY 1\nORDER BY 2 DESC",
  },
  {
    id: 'all-tickets',
    label: 'sql.example.allTickets',
    sql: 'SELECT * FROM tickets',
  },
];
