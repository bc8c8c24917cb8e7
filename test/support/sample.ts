// The embedded sample's rows, generated here exactly as the page's engine worker generates them
// (same seeded generator, same defaults), once per test process and only when a test asks.
import { sampleGenerator, type SampleGenerator } from '../../sample-data/generator';
import type { Columns } from './reference-metrics';

let generator: SampleGenerator | null = null;
const tables = new Map<string, Columns>();

function table(name: 'tickets' | 'grid_events' | 'enterprise_requests' | 'police_non_emergency' | 'special_population_alerts'): Columns {
  let hit = tables.get(name);
  if (!hit) {
    generator ??= sampleGenerator();
    tables.set(name, (hit = generator[name]() as Columns));
  }
  return hit;
}

export const sampleTickets = (): Columns => table('tickets');
export const sampleGridEvents = (): Columns => table('grid_events');
export const sampleEnterpriseRequests = (): Columns => table('enterprise_requests');
export const samplePoliceCalls = (): Columns => table('police_non_emergency');
export const sampleAlerts = (): Columns => table('special_population_alerts');
