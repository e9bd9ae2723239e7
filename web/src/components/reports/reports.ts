// What the statistical report pages share (Art 15; REQUIREMENTS §9; issue 7): the shapes of the
// reports API (src/lecs/reports/api.hpp), the template list (read once), the Chinese names of its
// codes, and amounts: stored in 分, shown and typed in 万元.
import { api } from '../../api'

export interface TemplateField {
  code: string
  name: string
  kind: 'count' | 'amount'
  required: boolean
  prefill_from: string[]
}

export interface TemplateTable {
  code: string
  name: string
  fields: TemplateField[]
}

export interface ReportTemplate {
  code: string
  version: number
  name: string
  period: string
  period_label: string
  due_rule: { months_after_end?: number; day?: number; days_after_end?: number }
  due_basis: string
  publishable: boolean
  tables: TemplateTable[]
  rules: { kind: string; label: string; text: string }[]
  ratios: { code: string; name: string; numerator: string; denominator: string }[]
  penalty_order: { type: string; label: string; field_code: string }[]
}

// GET /reports items.
export interface ReportItem {
  id: string
  template: string
  template_version: number
  template_name: string
  agency_id: string
  agency_name: string
  region_code: string
  period: string
  period_label: string
  state: string
  state_label: string
  due_on: string
  submitted_at: string | null
  last_submitted_at: string | null
  accepted_at: string | null
  timeliness: string
  timeliness_label: string
  days_late: number
  version: number
}

export interface CellFailure {
  rule: string
  table_code: string
  field_code: string
  message: string
}

export interface ReturnReasonRecord {
  round: number
  field_code: string
  field_name: string
  reason: string
  created_at: string
}

export interface Difference {
  table_code: string
  table_name: string
  field_code: string
  field_name: string
  kind: 'count' | 'amount'
  filed: number
  computed: number
  difference: number
  acts: { agency: string; kinds: string[]; from: string; to: string } | null
}

// GET /reports/{id}: the item with the bound template version under `template_def` (`template` is
// its code, as in the list).
export interface ReportDetail extends ReportItem {
  template_def: ReportTemplate
  values: Record<string, number>
  prefill: Record<string, number>
  prefilled: boolean
  failures: CellFailure[]
  returns: ReturnReasonRecord[]
  differences: Difference[]
  created?: boolean // POST /reports: whether this call created it
  ratios: { code: string; name: string; value: number | null; text: string }[]
  actions: string[]
}

export interface ComplianceItem {
  agency_id: string
  agency_name: string
  region_code: string
  report_id: string | null
  state: string | null
  state_label: string
  timeliness: string
  timeliness_label: string
  days_late: number
}

export interface Compliance {
  template: string
  template_name: string
  period: string
  period_label: string
  due_on: string
  counts: { expected: number; not_yet_due: number; on_time: number; late: number; missing: number }
  items: ComplianceItem[]
}

export interface AggregateRow {
  region_code: string
  region_name: string
  reports: number
  values: Record<string, number>
}

// The same total by the agencies' 执法领域 (domain 'none' = 未分类).
export interface AggregateDomainRow {
  domain: string
  domain_name: string
  reports: number
  values: Record<string, number>
}

export interface YearOnYearRow {
  field_code: string
  field_name: string
  kind: 'count' | 'amount'
  current: number
  previous: number
  change: number
  change_pct: number | null
}

export interface Aggregate {
  template: ReportTemplate
  period: string
  period_label: string
  region: string | null
  previous_period: string
  level: string
  include: string
  domain: string | null
  domain_name: string | null
  rows: AggregateRow[]
  domains: AggregateDomainRow[]
  total: { reports: number; values: Record<string, number> }
  previous_total: { reports: number; values: Record<string, number> }
  year_on_year: YearOnYearRow[]
}

let templates: Promise<ReportTemplate[]> | null = null

export function reportTemplates(): Promise<ReportTemplate[]> {
  templates ??= api.get<{ items: ReportTemplate[] }>('/reports/templates').then(
    (a) => a.items ?? [],
    (e) => {
      templates = null // a failed read is retried next time
      throw e
    },
  )
  return templates
}

// The states of state_rules.hpp, for the filter (the rows carry the server's state_label).
export const kReportStates: Record<string, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  resubmitted: '已重新报送',
  accepted: '已接收',
}

export function stateTag(state: string | null): 'danger' | 'warning' | 'success' | 'info' | 'primary' {
  if (state === 'returned') return 'danger'
  if (state === 'submitted' || state === 'resubmitted') return 'primary'
  if (state === 'accepted') return 'success'
  return 'info'
}

// 逾期未报 and 逾期报送 stand out; 未到期 is quiet.
export function timelinessTag(t: string): 'danger' | 'warning' | 'success' | 'info' {
  if (t === 'missing') return 'danger'
  if (t === 'late') return 'warning'
  if (t === 'on_time') return 'success'
  return 'info'
}

// The rules of rules.hpp CellFailure, named for the official reading the cell.
export const kFailureRules: Record<string, string> = {
  'cell.missing': '必填',
  'cell.not_number': '数值格式',
  'cell.overflow': '超出范围',
  'cell.unknown_field': '未知栏目',
  'rule.non_negative': '非负',
  'rule.sum': '合计',
  'rule.compare': '一致性',
  'report.template_mismatch': '模板版本',
}

export const kLevelNames: Record<string, string> = { city: '按市', county: '按县（市、区）', township: '按乡镇（街道）' }

// ---- amounts: 分 ⇄ 万元 (1万元 = 1,000,000分) -----------------------------------------------

const kFenPerWan = 1_000_000n

// 万元 text of an amount in 分, exact: at least 2 decimals, more only when the 分 need them
// (4953900分 → "4.9539"), so that showing or re-sending a figure never rounds it.
export function wanYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const v = BigInt(Math.trunc(fen))
  const neg = v < 0n
  const a = neg ? -v : v
  let frac = (a % kFenPerWan).toString().padStart(6, '0').replace(/0+$/, '')
  if (frac.length < 2) frac = frac.padEnd(2, '0')
  return `${neg ? '-' : ''}${(a / kFenPerWan).toString()}.${frac}`
}

// A figure of a field for reading: counts as integers, amounts in 万元.
export function figure(kind: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return ''
  return kind === 'amount' ? `${wanYuan(v)}万元` : String(v)
}

// A signed change: +3, −1.25万元.
export function signedFigure(kind: string, v: number): string {
  return (v > 0 ? '+' : '') + figure(kind, v)
}

// The cell's text as the form starts it: what the server holds, in the unit typed.
export function cellText(kind: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return ''
  return kind === 'amount' ? wanYuan(v) : String(v)
}

// The value of a typed cell for computing a ratio on the page, or null when it is not a number
// (the server names such a cell when the form is saved).
export function typedNumber(text: string | undefined): number | null {
  const t = (text ?? '').trim()
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null
  return Number(t)
}

// A ratio of the template as the form stands: "85.71%", or "—" when the denominator is 0 or blank
// (rules.hpp format_percent).
export function percentText(num: number | null, den: number | null): string {
  if (num === null || den === null || den === 0) return '—'
  return `${((num / den) * 100).toFixed(2)}%`
}

// The months YYYY-MM from `from` to `to`, both included.
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  if (!y || !m || !ty || !tm) return out
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}

// The year whose annual report is being filed now: until its due date (31 January) the previous
// year's, afterwards the current year's, which is then still being filled in.
export function defaultReportYear(now = new Date()): number {
  const y = now.getFullYear()
  return now.getMonth() === 0 ? y - 1 : y
}
