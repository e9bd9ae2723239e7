// What the monitoring pages share (REQUIREMENTS §15; issue 6): the shapes of the monitoring API
// (src/lecs/monitoring/api.cpp, docs/openapi.yaml), the rule list (read once), the Chinese names of
// its codes, and the formatting of evidence figures, months and amounts.
import { api } from '../../api'
import { chineseDate } from '../../labels'

export interface MonitoringRule {
  code: string
  name: string
  basis: string
  severity_levels?: string[]
  params?: Record<string, unknown>
}

// GET /monitoring/warnings items (src/lecs/monitoring/api.cpp warning_item).
export interface WarningRow {
  id: string
  rule: string
  rule_name: string
  severity: string
  state: string
  state_label?: string
  agency_id: string
  agency_name: string
  region_code: string
  act_date: string
  summary: string
  external_id: string
  case_no: string
  version: number
}

// One line of a warning's history (service.hpp HistoryEntry): action opened | sent | responded |
// dismissed | matter | resolved, at (ISO instant), by (username; empty for the system), detail (the
// reason, note or response).
export interface WarningEvent {
  action: string
  at: string
  by: string
  detail: string
}

// GET /monitoring/warnings/{id}: the row, the evidence, the rule's basis, the act, the history and the
// steps the caller may take now.
export interface WarningDetail extends WarningRow {
  basis: string
  month: string
  evidence: Record<string, unknown>
  act: Record<string, unknown> | null
  history: WarningEvent[]
  actions: string[]
  matter_id: string | null
  response: string | null
  dismiss_reason: string | null
  sent_at: string | null
  responded_at: string | null
  resolved_at: string | null
  created_at: string
}

// GET /monitoring/acts items: the act (api.cpp act_json) with its warnings.
export interface ActRowView {
  agency_id: string
  external_id: string
  kind: string
  kind_label: string
  case_no: string
  item_code: string
  act_date: string
  amount_fen: number
  officers: string[]
  rules_firing: string[]
  warnings: WarningRow[]
}

// One ratio of GET /monitoring/indicators; rate is null when the denominator is 0.
export interface Ratio {
  numerator: number
  denominator: number
  rate: number | null
}

export interface MonthFigures {
  month?: string
  acts: number
  acts_by_kind: Record<string, number>
  amount_fen: number
  amount_by_kind: Record<string, number>
  warnings: number
  warnings_by_rule: Record<string, number>
  reconsideration_correction_rate: Ratio
  litigation_loss_rate: Ratio
  publication_on_time_rate: Ratio
  certification_rate: Ratio
}

export interface Indicators extends MonthFigures {
  region: string | null
  agency_id: string | null
  from: string
  to: string
  series: MonthFigures[]
}

// GET /monitoring/warnings/summary: warnings (not dismissed) by rule × county and by month.
export interface WarningSummary {
  from: string
  to: string
  by_rule_region: { region_code: string; region_name: string; rule: string; count: number }[]
  by_month: { month: string; counts: Record<string, number> }[]
}

// The outcome sets of 复议纠错率 and 诉讼败诉率 (configuration, legal-facts §5).
export interface RateDefinition {
  numerator: string[]
  excluded: string[]
}

export interface RuleCatalogue {
  items: MonitoringRule[]
  indicators?: { reconsideration?: RateDefinition; litigation?: RateDefinition }
}

let catalogue: Promise<RuleCatalogue> | null = null

export function monitoringCatalogue(): Promise<RuleCatalogue> {
  catalogue ??= api.get<RuleCatalogue>('/monitoring/rules').catch((e) => {
    catalogue = null // a failed read is retried next time
    throw e
  })
  return catalogue
}

export async function monitoringRules(): Promise<MonitoringRule[]> {
  return (await monitoringCatalogue()).items ?? []
}

export const kSeverity: Record<string, { label: string; tag: 'danger' | 'warning' | 'info' }> = {
  red: { label: '红色预警', tag: 'danger' },
  yellow: { label: '黄色预警', tag: 'warning' },
}

export const kWarningStates: Record<string, string> = {
  open: '待处理',
  sent: '已发送执法机关',
  responded: '执法机关已反馈',
  dismissed: '已忽略',
  matter: '已转为监督事项',
  resolved: '已消除',
}

export function stateTag(state: string): 'danger' | 'warning' | 'success' | 'info' | 'primary' {
  if (state === 'open') return 'danger'
  if (state === 'sent') return 'warning'
  if (state === 'responded' || state === 'resolved') return 'success'
  if (state === 'matter') return 'primary'
  return 'info'
}

export const kActKinds: Record<string, string> = {
  penalty: '行政处罚',
  coercion: '行政强制',
  inspection: '行政检查',
  license: '行政许可',
  levy: '行政征收征用',
  expropriation: '行政征收',
  payment: '行政给付',
  confirmation: '行政确认',
  other: '其他行政行为',
}

export const kPenaltyTypes: Record<string, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收',
  suspension: '暂扣/责令停产停业',
  revocation: '吊销',
  detention: '行政拘留',
  other: '其他',
}

// The names of the figures a rule's evidence carries (src/lecs/monitoring/rules.cpp). A key not
// listed here is shown as it is, so a new figure is visible rather than hidden.
export const kEvidenceLabels: Record<string, string> = {
  kind: '行为类别',
  act_date: '行为日期',
  officers: '执法人员人数',
  invalid: '无有效证件人数',
  certificates: '执法证件',
  number: '证件号',
  holder: '持证人',
  reason: '原因',
  expires_on: '有效期至',
  suspended_from: '暂停日期',
  reinstated_on: '恢复日期',
  revoked_on: '吊销日期',
  min_officers: '法定最少人数',
  basis: '依据',
  item_code: '执法事项编码',
  catalog_periods: '清单中该事项的有效期',
  name: '事项名称',
  effective_from: '生效日期',
  effective_to: '失效日期',
  amount_fen: '处罚金额',
  min_amount_fen: '裁量基准下限',
  max_amount_fen: '裁量基准上限',
  filed_on: '立案日期',
  decided_on: '决定日期',
  published_on: '公示日期',
  limit_days: '法定办案期限（日）',
  extension_days: '延长天数',
  excluded_days: '不计入期限的天数（听证、鉴定等）',
  due: '期限届满日',
  due_unmoved: '节假日顺延前的届满日',
  days: '实际用时（日）',
  days_over: '超期天数',
  today: '核查日期',
  days_left: '剩余天数',
  working_days: '公示时限（工作日）',
  provisional: '工作日历为预估',
  working_days_late: '超期工作日数',
  working_days_left: '剩余工作日数',
  major: '重大执法决定',
  legal_review: '经法制审核',
  date: '检查日期',
  window_from: '统计起始日',
  window_days: '统计窗口（日）',
  agencies: '实施检查的机关数',
  min_agencies: '预警机关数',
  inspections: '检查记录',
  agency_name: '检查机关',
}

// Keys inside nested evidence that mean nothing to a reader (internal ids).
const kNestedHidden = ['agency_id']

// The names of an act's fields (the ingest format, issue 6 step 1).
export const kActFieldLabels: Record<string, string> = {
  agency_name: '执法机关',
  agency: '执法机关统一社会信用代码',
  agency_uscc: '执法机关统一社会信用代码',
  external_id: '外部编号',
  kind: '行为类别',
  kind_label: '行为类别',
  case_no: '案号',
  item_code: '事项编码',
  item_name: '事项名称',
  officers: '执法人员证件号',
  party_type: '当事人类型',
  party_key: '当事人标识',
  filed_on: '立案日期',
  decided_on: '决定日期',
  served_on: '送达日期',
  closed_on: '结案日期',
  published_on: '公示日期',
  act_date: '行为日期',
  penalty_types: '处罚种类',
  amount_fen: '金额',
  procedure: '程序',
  legal_review: '法制审核',
  major: '重大执法决定',
  publish_required: '应当公示',
  extension_days: '延长天数',
  excluded_days: '不计入期限天数',
  entrusted_body: '受委托组织',
  entrusted_uscc: '受委托组织统一社会信用代码',
  region: '行政区划代码',
  region_code: '行政区划代码',
  month: '月份',
  rules_firing: '触发的规则',
}

const kProcedures: Record<string, string> = { general: '普通程序', simple: '简易程序' }
const kPartyTypes: Record<string, string> = { person: '自然人', org: '法人或其他组织' }

// 1234567 分 → ¥12,345.67 元
export function yuan(fen: unknown): string {
  const n = Number(fen)
  if (!Number.isFinite(n)) return String(fen ?? '')
  return `${(n / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`
}

// 202604 or "2026-04" → 2026年4月
export function monthLabel(m: unknown): string {
  const s = String(m ?? '')
  const hit = /^(\d{4})-?(\d{2})$/.exec(s)
  return hit ? `${hit[1]}年${Number(hit[2])}月` : s
}

// 202604 or "2026-04" → "2026-04"
export function monthIso(m: unknown): string {
  const s = String(m ?? '')
  const hit = /^(\d{4})-?(\d{2})$/.exec(s)
  return hit ? `${hit[1]}-${hit[2]}` : s
}

// The first and last day of a YYYY-MM month, for the date filters of the warning list.
export function monthRange(m: string): { from: string; to: string } {
  const [y, mo] = monthIso(m).split('-').map(Number)
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  const mm = String(mo).padStart(2, '0')
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` }
}

// One figure of an evidence object or an act, for reading: dates in Chinese, money in 元, yes/no,
// lists joined, nested objects as "name：value" pairs.
export function formatValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) {
    if (v.length === 0) return '（无）'
    // A list of records (certificates, inspections, catalog periods) reads one per clause.
    const sep = v.some((x) => x && typeof x === 'object') ? '；' : '、'
    return v.map((x) => formatValue(key, x)).join(sep)
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !kNestedHidden.includes(k))
      .map(([k, x]) => `${kEvidenceLabels[k] ?? kActFieldLabels[k] ?? k}：${formatValue(k, x)}`)
      .join('，')
  }
  if (key.endsWith('amount_fen')) return yuan(v)
  if (key === 'kind' && typeof v === 'string' && kActKinds[v]) return kActKinds[v]
  if (key === 'procedure' && typeof v === 'string') return kProcedures[v] ?? v
  if (key === 'party_type' && typeof v === 'string') return kPartyTypes[v] ?? v
  if (key === 'penalty_types' && typeof v === 'string') return kPenaltyTypes[v] ?? v
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return chineseDate(v)
  if (key === 'month') return monthLabel(v)
  return String(v)
}

// Rows of label → text for a table, in the object's order.
export function factRows(obj: Record<string, unknown> | undefined, labels: Record<string, string>): { key: string; label: string; text: string }[] {
  if (!obj) return []
  return Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ({ key: k, label: labels[k] ?? kEvidenceLabels[k] ?? k, text: formatValue(k, v) }))
}

// Rates as the server sends them: a fraction (0.125) or null when the denominator is 0.
export function percent(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  return `${(n * 100).toFixed(1)}%`
}
