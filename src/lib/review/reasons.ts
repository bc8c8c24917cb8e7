// Key-ticket rows as the page, the exports and the tests read them, and the reason each flag
// gives. Reasons are message keys with parameters (the page translates them), built from what
// the row itself shows, with personal data already masked.
import { maskFreeText, maskName, maskPhone } from '$lib/privacy';
import { FLAG_IDS, type FlagId } from './flags';
import { flagColumn } from './key-tickets';
import type { ReviewSettings } from './settings';

export interface KeyTicket {
  ticketId: string;
  township: string;
  receivedAt: string;
  requestType: string | null;
  category: string | null;
  /** Masked: mobile and ID-card numbers inside the text are hidden. */
  content: string | null;
  /** Masked. */
  callerName: string | null;
  /** Masked. */
  callerPhone: string | null;
  address: string | null;
  department: string | null;
  urgency: string | null;
  status: string | null;
  satisfaction: string | null;
  exitReason: string | null;
  returnedCount: number;
  deadlineAt: string | null;
  closedAt: string | null;
  asOf: string | null;
  lateHours: number | null;
  phoneCount: number | null;
  addressCount: number | null;
  normalisedAddress: string | null;
  addressCluster: string | null;
  clusterCount: number | null;
  unitCount: number;
  flags: FlagId[];
  severity: number;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

/** A row of keyTicketsQuery → KeyTicket, masking personal data on the way in so nothing later can leak it. */
export function keyTicketFromRow(row: Readonly<Record<string, unknown>>): KeyTicket {
  const phone = text(row.caller_phone);
  const name = text(row.caller_name);
  const content = text(row.content);
  return {
    ticketId: String(row.ticket_id),
    township: String(row.township ?? ''),
    receivedAt: String(row.received_at ?? ''),
    requestType: text(row.request_type),
    category: text(row.category),
    content: content === null ? null : maskFreeText(content),
    callerName: name === null ? null : maskName(name),
    callerPhone: phone === null ? null : maskPhone(phone),
    address: text(row.address),
    department: text(row.department),
    urgency: text(row.urgency),
    status: text(row.status),
    satisfaction: text(row.satisfaction),
    exitReason: text(row.exit_reason),
    returnedCount: num(row.returned_count) ?? 0,
    deadlineAt: text(row.deadline_at),
    closedAt: text(row.closed_at),
    asOf: text(row.as_of),
    lateHours: num(row.late_hours),
    phoneCount: num(row.phone_count),
    addressCount: num(row.address_count),
    normalisedAddress: text(row.norm_address),
    addressCluster: text(row.address_cluster),
    clusterCount: num(row.cluster_count),
    unitCount: num(row.unit_count) ?? 0,
    flags: FLAG_IDS.filter((f) => row[flagColumn(f)] === true),
    severity: num(row.severity) ?? 0,
  };
}

export interface Reason {
  flag: FlagId;
  /** A 'review.reason.*' message key. */
  key: string;
  params: Record<string, string | number>;
}

/** Why each of the ticket's flags is set, in flag order. */
export function reasonsFor(ticket: KeyTicket, settings: ReviewSettings): Reason[] {
  const t = settings.thresholds;
  const out: Reason[] = [];
  for (const flag of ticket.flags) {
    switch (flag) {
      case 'unsatisfied':
        out.push({ flag, key: 'review.reason.unsatisfied', params: { level: ticket.satisfaction ?? '' } });
        break;
      case 'late':
        if (ticket.closedAt === null) {
          out.push({ flag, key: 'review.reason.lateOpen', params: { deadline: ticket.deadlineAt ?? '', asOf: ticket.asOf ?? '' } });
        } else {
          out.push({
            flag,
            key: 'review.reason.lateClosed',
            params: { deadline: ticket.deadlineAt ?? '', closed: ticket.closedAt, hours: (ticket.lateHours ?? 0).toFixed(1) },
          });
        }
        break;
      case 'reopened':
        out.push({ flag, key: 'review.reason.reopened', params: {} });
        break;
      case 'returned':
        out.push({ flag, key: 'review.reason.returned', params: { count: ticket.returnedCount, min: t.returnedMin } });
        break;
      case 'repeat':
        if ((ticket.phoneCount ?? 0) >= t.repeatPhoneMin) {
          out.push({ flag, key: 'review.reason.repeatPhone', params: { phone: ticket.callerPhone ?? '', count: ticket.phoneCount ?? 0, min: t.repeatPhoneMin } });
        }
        if ((ticket.addressCount ?? 0) >= t.repeatAddressMin) {
          out.push({ flag, key: 'review.reason.repeatAddress', params: { address: ticket.normalisedAddress ?? '', count: ticket.addressCount ?? 0, min: t.repeatAddressMin } });
        }
        break;
      case 'hotspot':
        out.push({ flag, key: 'review.reason.hotspot', params: { cluster: ticket.addressCluster ?? '', count: ticket.clusterCount ?? 0, min: t.hotspotMin } });
        break;
      case 'unattributable':
        out.push({ flag, key: 'review.reason.unattributable', params: {} });
        break;
      case 'multi_department':
        if (ticket.unitCount >= 2) out.push({ flag, key: 'review.reason.multiUnits', params: { count: ticket.unitCount, units: ticket.department ?? '' } });
        if (ticket.returnedCount >= t.multiDepartmentMinReturns) {
          out.push({ flag, key: 'review.reason.multiReassigned', params: { count: ticket.returnedCount, unit: ticket.department ?? '' } });
        }
        break;
      case 'enterprise_complaint':
        out.push({ flag, key: 'review.reason.enterpriseComplaint', params: { type: ticket.requestType ?? '' } });
        break;
    }
  }
  return out;
}

/** Count of key tickets carrying each flag (a ticket counts once under each of its flags). */
export function countByFlag(tickets: readonly KeyTicket[]): Record<FlagId, number> {
  const counts = Object.fromEntries(FLAG_IDS.map((f) => [f, 0])) as Record<FlagId, number>;
  for (const ticket of tickets) for (const f of ticket.flags) counts[f]++;
  return counts;
}
