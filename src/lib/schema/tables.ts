// The canonical tables of ../shared/spec/data-model.md, declared once. The importer's header
// mapping, the sample generator, the DDL and the metric layer all read these declarations, so a
// column added here is known everywhere at once.
import type { PersonalKind } from '$lib/privacy/mask';

export type ColumnType = 'VARCHAR' | 'TIMESTAMP' | 'BOOLEAN' | 'INTEGER' | 'DOUBLE';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Chinese headers seen in real exports, most common first. */
  aliases: readonly string[];
  key?: boolean;
  required?: boolean;
  /** Personal data: masked on screen and in exports unless the user unmasks it. */
  /** Personal data, and which kind (src/lib/privacy): masked on screen, in the console and in every export. */
  pii?: PersonalKind;
  /** A dimension that filters and groupings use. */
  dimension?: boolean;
}

export interface TableSpec {
  name: TableName;
  label: { zh: string; en: string };
  /** The column whose value decides which period a row belongs to. */
  timeColumn: string;
  columns: readonly ColumnSpec[];
}

export type TableName =
  | 'tickets'
  | 'grid_events'
  | 'enterprise_requests'
  | 'police_non_emergency'
  | 'special_population_alerts';

const tickets: TableSpec = {
  name: 'tickets',
  label: { zh: '12345 工单', en: '12345 tickets' },
  timeColumn: 'received_at',
  columns: [
    { name: 'ticket_id', type: 'VARCHAR', key: true, required: true, aliases: ['工单编号', '工单号', '受理编号', '编号'] },
    { name: 'received_at', type: 'TIMESTAMP', required: true, aliases: ['受理时间', '来电时间', '登记时间', '创建时间', '诉求时间'] },
    { name: 'channel', type: 'VARCHAR', dimension: true, aliases: ['来源渠道', '诉求渠道', '受理渠道', '来源'] },
    { name: 'upper_ticket_id', type: 'VARCHAR', aliases: ['省工单号', '市级编号', '上级工单编号'] },
    { name: 'request_type', type: 'VARCHAR', dimension: true, aliases: ['诉求类型', '工单类型', '来电类型'] },
    { name: 'category', type: 'VARCHAR', aliases: ['问题分类', '诉求分类', '业务分类'] },
    { name: 'content', type: 'VARCHAR', pii: 'free-text', aliases: ['诉求内容', '来电内容', '问题描述'] },
    { name: 'caller_name', type: 'VARCHAR', pii: 'name', aliases: ['来电人', '诉求人', '联系人', '姓名'] },
    { name: 'caller_phone', type: 'VARCHAR', pii: 'phone', aliases: ['联系电话', '来电号码', '手机号'] },
    { name: 'address', type: 'VARCHAR', pii: 'address', aliases: ['事发地址', '诉求地址', '地址'] },
    { name: 'township', type: 'VARCHAR', dimension: true, aliases: ['所属区镇', '区镇', '属地', '街道/镇'] },
    { name: 'department', type: 'VARCHAR', dimension: true, aliases: ['承办单位', '主办单位', '责任单位', '处置单位'] },
    { name: 'urgency', type: 'VARCHAR', dimension: true, aliases: ['紧急程度', '缓急程度'] },
    { name: 'enterprise_related', type: 'BOOLEAN', dimension: true, aliases: ['是否涉企', '涉企'] },
    { name: 'direct_answer', type: 'BOOLEAN', aliases: ['是否直接答复', '直接办结', '直办'] },
    { name: 'dispatched_at', type: 'TIMESTAMP', aliases: ['派单时间', '交办时间', '转办时间'] },
    { name: 'signed_at', type: 'TIMESTAMP', aliases: ['签收时间', '接单时间'] },
    { name: 'deadline_at', type: 'TIMESTAMP', aliases: ['办理时限', '办结时限', '要求办结时间', '截止时间'] },
    { name: 'closed_at', type: 'TIMESTAMP', aliases: ['办结时间', '完成时间', '结案时间'] },
    { name: 'status', type: 'VARCHAR', aliases: ['办理状态', '工单状态', '状态'] },
    { name: 'returned_count', type: 'INTEGER', aliases: ['退单次数', '退回次数'] },
    { name: 'reopened', type: 'BOOLEAN', aliases: ['是否重办', '二次办理', '是否重启'] },
    { name: 'repeat_of', type: 'VARCHAR', aliases: ['重复工单', '关联工单'] },
    { name: 'resolved', type: 'BOOLEAN', aliases: ['是否解决', '解决情况'] },
    { name: 'satisfaction', type: 'VARCHAR', aliases: ['回访结果', '满意度', '评价结果'] },
    { name: 'callback_level', type: 'VARCHAR', aliases: ['回访层级', '回访来源'] },
    { name: 'exit_reason', type: 'VARCHAR', aliases: ['退出原因', '终结类型'] },
    { name: 'unattributable', type: 'BOOLEAN', aliases: ['无法认定权属', '权属不清'] },
  ],
};

const gridEvents: TableSpec = {
  name: 'grid_events',
  label: { zh: '网格事件', en: 'Grid events' },
  timeColumn: 'reported_at',
  columns: [
    { name: 'event_id', type: 'VARCHAR', key: true, required: true, aliases: ['事件编号', '事件编码', '编号'] },
    { name: 'reported_at', type: 'TIMESTAMP', required: true, aliases: ['上报时间', '发现时间'] },
    { name: 'dispatched_at', type: 'TIMESTAMP', aliases: ['分流时间', '分拨时间', '派遣时间'] },
    { name: 'handled_at', type: 'TIMESTAMP', aliases: ['处置时间', '处置完成时间'] },
    { name: 'supervised_at', type: 'TIMESTAMP', aliases: ['督办时间'] },
    { name: 'feedback_at', type: 'TIMESTAMP', aliases: ['反馈时间'] },
    { name: 'verified_at', type: 'TIMESTAMP', aliases: ['核验时间', '核查时间', '结案时间'] },
    { name: 'deadline_at', type: 'TIMESTAMP', aliases: ['处置时限', '办理时限'] },
    { name: 'township', type: 'VARCHAR', dimension: true, aliases: ['所属区镇', '区镇'] },
    { name: 'village', type: 'VARCHAR', dimension: true, aliases: ['村(社区)', '社区', '村居'] },
    { name: 'grid_id', type: 'VARCHAR', dimension: true, aliases: ['网格编号', '网格编码'] },
    { name: 'grid_name', type: 'VARCHAR', aliases: ['网格名称', '所属网格'] },
    { name: 'worker_id', type: 'VARCHAR', dimension: true, aliases: ['网格员编号', '上报人编号'] },
    { name: 'worker_name', type: 'VARCHAR', pii: 'name', aliases: ['网格员', '上报人'] },
    { name: 'event_type', type: 'VARCHAR', dimension: true, aliases: ['事件类型', '事件大类'] },
    { name: 'source', type: 'VARCHAR', aliases: ['事件来源'] },
    { name: 'self_resolved', type: 'BOOLEAN', aliases: ['是否自办结', '自行处置'] },
    { name: 'status', type: 'VARCHAR', aliases: ['事件状态', '状态'] },
    { name: 'address', type: 'VARCHAR', pii: 'address', aliases: ['事发地点', '地址'] },
    { name: 'description', type: 'VARCHAR', pii: 'free-text', aliases: ['事件描述', '事件内容'] },
  ],
};

const enterpriseRequests: TableSpec = {
  name: 'enterprise_requests',
  label: { zh: '安商护企诉求', en: 'Enterprise requests' },
  timeColumn: 'received_at',
  columns: [
    { name: 'request_id', type: 'VARCHAR', key: true, required: true, aliases: ['编号', '工单编号', '诉求编号'] },
    { name: 'received_at', type: 'TIMESTAMP', required: true, aliases: ['受理时间', '提交时间'] },
    { name: 'enterprise_name', type: 'VARCHAR', aliases: ['企业名称', '单位名称'] },
    { name: 'credit_code', type: 'VARCHAR', aliases: ['统一社会信用代码', '信用代码'] },
    { name: 'request_type', type: 'VARCHAR', dimension: true, aliases: ['诉求类型'] },
    { name: 'policy_area', type: 'VARCHAR', dimension: true, aliases: ['政策领域', '业务领域'] },
    { name: 'township', type: 'VARCHAR', dimension: true, aliases: ['所属区镇'] },
    { name: 'department', type: 'VARCHAR', dimension: true, aliases: ['承办单位'] },
    { name: 'specialist', type: 'VARCHAR', dimension: true, aliases: ['政策专员', '答复人'] },
    { name: 'direct_answer', type: 'BOOLEAN', aliases: ['是否直接答复'] },
    { name: 'closed_at', type: 'TIMESTAMP', aliases: ['办结时间', '答复时间'] },
    { name: 'satisfaction', type: 'VARCHAR', aliases: ['满意度', '评价'] },
  ],
};

// The two further sources of the routine comparison (信息常态比对), data-model.md "Further sources".
const policeNonEmergency: TableSpec = {
  name: 'police_non_emergency',
  label: { zh: '公安非警务类警情', en: 'Police non-emergency calls' },
  timeColumn: 'received_at',
  columns: [
    { name: 'call_id', type: 'VARCHAR', key: true, required: true, aliases: ['警情编号', '接警编号', '编号'] },
    { name: 'received_at', type: 'TIMESTAMP', required: true, aliases: ['接警时间', '报警时间'] },
    { name: 'township', type: 'VARCHAR', dimension: true, aliases: ['所属镇街', '区镇', '所属区镇', '属地'] },
    { name: 'village', type: 'VARCHAR', dimension: true, aliases: ['村居', '社区', '村(社区)'] },
    { name: 'address', type: 'VARCHAR', pii: 'address', aliases: ['发生地址', '事发地点', '地址'] },
    { name: 'category', type: 'VARCHAR', dimension: true, aliases: ['警情类别', '警情类型', '类型'] },
    { name: 'content', type: 'VARCHAR', pii: 'free-text', aliases: ['简要警情', '警情内容'] },
    { name: 'caller_phone', type: 'VARCHAR', pii: 'phone', aliases: ['报警电话', '联系电话'] },
  ],
};

const specialPopulationAlerts: TableSpec = {
  name: 'special_population_alerts',
  label: { zh: '特殊人群预警', en: 'Special-population alerts' },
  timeColumn: 'alerted_at',
  columns: [
    { name: 'alert_id', type: 'VARCHAR', key: true, required: true, aliases: ['预警编号', '编号'] },
    { name: 'alerted_at', type: 'TIMESTAMP', required: true, aliases: ['预警时间'] },
    { name: 'township', type: 'VARCHAR', dimension: true, aliases: ['所属镇街', '区镇', '所属区镇', '属地'] },
    { name: 'village', type: 'VARCHAR', dimension: true, aliases: ['村居', '社区', '村(社区)'] },
    { name: 'address', type: 'VARCHAR', pii: 'address', aliases: ['居住地址', '地址', '事发地点'] },
    { name: 'population_type', type: 'VARCHAR', dimension: true, aliases: ['人员类别', '人员类型'] },
    { name: 'alert_type', type: 'VARCHAR', dimension: true, aliases: ['预警类型'] },
    { name: 'person_name', type: 'VARCHAR', pii: 'name', aliases: ['人员姓名', '姓名'] },
    { name: 'status', type: 'VARCHAR', aliases: ['处置状态', '状态'] },
    { name: 'resolved_at', type: 'TIMESTAMP', aliases: ['处置时间', '处置完成时间'] },
  ],
};

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  tickets,
  grid_events: gridEvents,
  enterprise_requests: enterpriseRequests,
  police_non_emergency: policeNonEmergency,
  special_population_alerts: specialPopulationAlerts,
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function keyColumn(table: TableSpec): ColumnSpec {
  const key = table.columns.find((c) => c.key);
  if (!key) throw new Error(`table ${table.name} declares no key column`);
  return key;
}

/** The five-level 好差评 scale; anything else (未回访, 无法联系, empty …) is "not rated". */
export const SATISFACTION_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];
