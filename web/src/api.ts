// The API client: one fetch wrapper for /api/v1.
// - The session is the HttpOnly cookie `lecs_session` (credentials: 'same-origin').
// - State-changing calls send X-CSRF-Token (from login or /me), else the server answers 403 csrf.invalid.
// - Every refusal becomes an ApiError carrying the server's Chinese message and, when present, the legal basis;
//   pages show exactly that text, never a generic one.
// - 401 sends the user to /login; 403 auth.password_change_required sends them to /password.

export interface ApiErrorBody {
  code: string
  message: string
  field?: string
  basis?: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly basis?: string

  constructor(status: number, body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.field = body.field || undefined
    this.basis = body.basis || undefined
  }
}

export interface Page<T> {
  items: T[]
  total: number
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>
  body?: unknown
  idempotencyKey?: string
  // Login and the public pages handle 401 themselves instead of being sent to /login.
  noAuthRedirect?: boolean
}

interface Hooks {
  csrfToken: () => string | undefined
  onUnauthorized: () => void
  onPasswordChangeRequired: () => void
}

let hooks: Hooks = {
  csrfToken: () => undefined,
  onUnauthorized: () => {},
  onPasswordChangeRequired: () => {},
}

// main.ts wires these to the session store and the router; api.ts itself imports neither,
// so it has no import cycle and can be used by the store.
export function configureApi(h: Hooks): void {
  hooks = h
}

const kBase = '/api/v1'

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.append(k, String(v))
    }
  }
  const qs = params.toString()
  return kBase + path + (qs ? `?${qs}` : '')
}

function statusMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 404) return '未找到相关数据'
  if (status === 413) return '提交的内容过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return `服务器内部错误（状态码 ${status}），请稍后再试或联系系统管理员`
  return `请求失败（状态码 ${status}）`
}

async function parseError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody | undefined
  try {
    const json = (await res.json()) as { error?: Partial<ApiErrorBody> }
    if (json && json.error && typeof json.error.message === 'string') {
      body = {
        code: json.error.code ?? '',
        message: json.error.message,
        field: json.error.field,
        basis: json.error.basis,
      }
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML page): fall back to a Chinese text for the status.
  }
  return new ApiError(res.status, body ?? { code: `http.${res.status}`, message: statusMessage(res.status) })
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET') {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' })
  }

  if (!res.ok) {
    const err = await parseError(res)
    if (res.status === 401 && !opts.noAuthRedirect) hooks.onUnauthorized()
    if (res.status === 403 && err.code === 'auth.password_change_required') hooks.onPasswordChangeRequired()
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], opts: RequestOptions = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

// The text to show for any failure: the server's message, then its legal basis.
export function errorText(e: unknown): { message: string; basis?: string } {
  if (e instanceof ApiError) return { message: e.message, basis: e.basis }
  return { message: '操作失败，请稍后再试' }
}

// --- Shapes of the Foundation API (docs/api-contract.md). Ids are strings. ---

export interface OrgRef {
  id: string
  name: string
  region_code?: string
}

export interface User {
  id: string
  username: string
  display_name: string
  roles: string[]
  org: OrgRef
  must_change_password: boolean
  totp_enabled: boolean
}

export interface Me {
  user: User
  permissions: string[]
  csrf_token: string
}

export interface LoginAnswer {
  user: User
  csrf_token: string
}

export interface VerifyReport {
  ok: boolean
  records: number
  first_bad_seq: number | string | null
  reason?: string
}

export interface PublicCertificate {
  number: string
  kind?: string
  valid: boolean
  status?: string
  holder?: string
  org_name?: string
  issuer?: string
  expires_on?: string
}

// --- Shapes of the workflow API (todos, inbox) and the working-day calendar (docs/openapi.yaml). ---

export interface Todo {
  id: string
  object_kind: string
  object_id: string
  action: string
  title: string
  role: string
  created_at: string
  due_date: string | null
  overdue: boolean
  due_soon: boolean
  // working days until the due date; negative once overdue
  days_left: number | null
}

export interface InboxItem {
  id: string
  kind: string
  title: string
  body: string
  object_kind: string
  object_id: string
  created_at: string
  read: boolean
}

export interface InboxPage extends Page<InboxItem> {
  unread: number
}

export interface CalendarYear {
  year: number
  published: boolean
  provisional: boolean
  source: string
  note: string
}

export type DayType = 'off' | 'workday' | 'normal'

export interface CalendarDay {
  date: string
  type: DayType
  holiday: string
  source: string
  version: number
}

export interface DueAnswer {
  due: string
  original: string | null
  provisional: boolean
  moved_reason: string
}

export interface DayChange extends CalendarDay {
  moved_deadlines: number
}

// --- Shapes of the official documents API (REQUIREMENTS §17, docs/openapi.yaml). ---

export interface DocTypeField {
  key: string
  label: string
  required: boolean
}

export interface DocType {
  code: string
  name: string
  issuer: 'department' | 'government'
  internal: boolean
  abbreviation: string
  basis: string
  disclosure: string
  fields: DocTypeField[]
}

export interface DocRecipient {
  name: string
  org_id: string | null
}

export interface OfficialDocument {
  id: string
  doc_type: string
  type_name: string
  issuer_org_id: string
  internal: boolean
  status: 'draft' | 'issued'
  title: string
  recipients: DocRecipient[]
  body: string[]
  fields: Record<string, string>
  cc: string
  disclosure: string
  version: number
  created_at: string
  updated_at: string
  number_text: string | null
  issue_date: string | null
  sm3_hex: string | null
  key_id: string | null
  verify_token: string | null
  issued_at: string | null
}

export interface DocumentInput {
  doc_type: string
  title: string
  recipients: { name: string }[]
  body: string[]
  fields: Record<string, string>
  cc: string
  disclosure?: string
  version?: number
}

export interface Delivery {
  id: string
  document_id: string
  recipient_org_id: string | null
  recipient_name: string
  address: string
  channel: 'direct' | 'post' | 'electronic' | 'public_notice'
  delivered_on: string
  received_on: string | null
  deadline_id: string | null
  version: number
}

export interface DocVerifyAnswer {
  found: boolean
  authentic: boolean
  internal: boolean
  issuer?: string
  number_text?: string
  type_name?: string
  title?: string
  issue_date?: string | null
  issue_date_text?: string | null
  sm3_hex?: string
}

// --- Shapes of the jurisdiction-dispute API (Art 6–8, src/lecs/coordination/api.hpp). ---

export interface LegalBasisRef {
  law: string
  article: string
}

export interface DisputeParty {
  org_id: string
  org_name: string
  role: 'applicant' | 'respondent'
  position: string
  legal_basis: LegalBasisRef[]
  position_due_on: string | null
}

export interface DisputeRouting {
  outcome?: string
  rule_code: string
  reason: string
  basis: string
  competent_level: string | null
  competent_region_code?: string | null
  competent_org_id?: string | null
  vertical_flag: boolean
  vertical_note: string
  vertical_parties?: string[]
}

export interface DisputeDeadline {
  id: string
  name: string
  label: string
  party_org_id: string | null
  start_date: string
  due_date: string
  original_due_date: string | null
  moved_reason: string
  provisional: boolean
  paused: boolean
  pause_reason: string | null
  paused_from: string | null
  paused_days: number
  overdue: boolean
  due_soon: boolean
  days_left: number | null
}

export interface Dispute {
  id: string
  status: string
  status_label: string
  region_code: string
  competent_level: string | null
  competent_org_id: string | null
  competent_org_name: string
  applicant_org_id: string
  applicant_org_name: string
  letter_attachment_id: string | null
  focus: string
  negotiation: { date: string | null; participants: string; outcome: string }
  other_info: string
  // 执法领域 code from GET /enforcement-domains; '' = 未分类
  domain: string
  domain_name: string
  filed_on: string | null
  // the day it was closed, refused or withdrawn (the register's 结束日期)
  concluded_on: string | null
  accepted_on: string | null
  refusal_code: string | null
  refusal_reason: string | null
  version: number
  created_at: string
  updated_at: string
  routing: DisputeRouting | null
  parties?: DisputeParty[]
  actions?: string[]
  deadlines?: DisputeDeadline[]
  // list items only: an open deadline of the dispute is past due and not paused (today)
  overdue?: boolean
}

export interface EnforcementDomain {
  code: string
  name: string
}

export interface RegionNode {
  code: string
  name: string
  level: 'city' | 'county' | 'township'
  children: RegionNode[]
}

// GET /disputes/statistics: the register under the same filters, not paged.
// The citywide dispute procedure's time limits, in working days (Art 6 ¶2).
export interface DisputeProcedure {
  review_days: number
  supplement_days: number
  position_days: number
  coordination_days: number
  basis_note: string
  version: number
  updated_at: string | null
  defaults: boolean
}

export interface DisputeStatistics {
  as_of: string
  total: number
  drafts: number
  open: number
  concluded: number
  overdue: number
  by_status: { status: string; label: string; count: number }[]
  by_level: { level: string; label: string; count: number }[]
  by_domain: { domain: string; label: string; count: number }[]
  handling: {
    closed_counted: number
    avg_calendar_days: number | null
    avg_working_days: number | null
    max_working_days: number | null
    definition: string
  }
}

// GET /disputes/{id}/decision: the 本级人民政府's decision (Art 6).
export interface DisputeDecision {
  dispute_id: string
  government_org_id: string
  government_org_name: string
  responsible_org_id: string
  responsible_org_name: string
  decision: string
  decided_on: string
  decided_by: string
  document_id: string | null
  created_at: string
}

export interface DisputeProblem {
  code: string
  field: string
  message: string
  basis: string
}

export interface DisputeEvent {
  id: string
  kind: string
  at: string
  by_user: string
  by_org: string | null
  payload: Record<string, unknown>
}

export interface DisputeDocument {
  document_id: string
  purpose: string
  doc_type: string
  type_name: string
  title: string
  status: 'draft' | 'issued'
  number_text: string | null
}

export interface DisputeRecord {
  id: string
  kind: 'meeting' | 'consultation' | 'expert_opinion' | 'statement'
  at: string
  by_user: string
  [key: string]: unknown
}

export interface DirectoryOrg {
  id: string
  name: string
  short_name: string
  kind: string
  level: string
  region_code: string
}

export interface Attachment {
  id: string
  sm3_hex: string
  size_bytes: number
  media_type: string
  original_name: string
  created_at: string
}

// POST /attachments takes the file's bytes as the body and its name in X-File-Name.
export async function uploadAttachment(file: File, csrf: string | undefined): Promise<Attachment> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
    'Idempotency-Key': crypto.randomUUID(),
  }
  if (csrf) headers['X-CSRF-Token'] = csrf
  let res: Response
  try {
    res = await fetch(buildUrl('/attachments'), { method: 'POST', headers, credentials: 'same-origin', body: file })
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' })
  }
  if (!res.ok) throw await parseError(res)
  return (await res.json()) as Attachment
}

// --- Shapes of supervision casework (Art 3, 11–14, 18; src/lecs/supervision/api.hpp). ---

export interface Named {
  code: string
  label: string
}

export interface ChecklistItem {
  code: string
  label: string
  deduction: number
}

export interface SupervisionVocabularies {
  categories: Named[]
  sources: Named[]
  modes: Named[]
  finding_categories: Named[]
  decision_item_kinds: Named[]
  legality_failures: Named[]
  checklist: ChecklistItem[]
}

export interface MatterTeamMember {
  person_id: string
  name: string
  org_id: string
  org_name: string
  role: 'lead' | 'member'
}

export interface Matter {
  id: string
  status: string
  status_label: string
  plan_id: string | null
  source: string
  source_label: string
  source_ref: string | null
  mode: string
  mode_label: string
  categories: Named[]
  subject: string
  target_org_id: string
  target_org_name: string
  handling_org_id: string
  handling_org_name: string
  region_code: string
  upper_reason: string | null
  tracked: boolean
  tracked_label: string
  tracked_due: string | null
  correction_due: string | null
  notice_document_id: string | null
  report_document_id: string | null
  decision_document_id: string | null
  concluded_on: string | null
  version: number
  created_at: string
  updated_at: string
  // detail answers only
  team?: MatterTeamMember[]
  actions?: string[]
}

export interface InspectionRecord {
  id: string
  inspected_on: string
  place: string
  people_met: string
  record: string
  attachment_id: string | null
  offline: boolean
  supervisors: { person_id: string; name: string; certificate_id: string; certificate_number: string }[]
}

export interface FileReviewRecord {
  id: string
  case_no: string
  score: number
  grade: 'excellent' | 'pass' | 'fail' | string
  legality_failures: Named[]
  found: { code: string; times: number }[]
}

export interface FindingRecord {
  id: string
  category: string
  category_label: string
  facts: string
  evidence: string
  legal_basis: string
  disposition: 'on_spot' | 'notice' | string
  on_spot_record: string
}

export interface RectificationReportRecord {
  id: string
  content: string
  attachment_id: string | null
  submitted_at: string
  verdict: 'passed' | 'failed' | null
  verdict_reason: string
}

export interface DecisionItemRecord {
  kind: string
  kind_label: string
  content: string
  due_on: string | null
  deadline_id: string | null
  fulfilled_on: string | null // the follow-up (Art 14 ¶2): when the agency carried it out
  fulfilment: string
}

export interface MatterRecords {
  inspections: InspectionRecord[]
  file_reviews: FileReviewRecord[]
  findings: FindingRecord[]
  reports: RectificationReportRecord[]
  decision_items: DecisionItemRecord[]
}

export interface MatterEvent {
  id: string
  kind: string
  at: string
  by_user: string
  payload: Record<string, unknown>
}

export interface SupervisionPlan {
  id: string
  kind: string
  title: string
  theme: string
  period_start: string
  period_end: string
  org_id: string
}

export interface SupervisionClue {
  id: string
  status: 'submitted' | 'accepted' | 'returned'
  status_label: string
  room_org_id: string
  room_org_name: string
  county_org_id: string
  county_org_name: string
  target_org_id: string
  target_org_name: string
  content: string
  attachment_id: string | null
  return_reason: string
  matter_id: string | null
  version: number
  created_at: string
}

// 《行政执法监督建议书》 (Art 15): drafted by a department, issued by its leader, answered by the agency.
export interface SupervisionSuggestion {
  id: string
  status: 'drafted' | 'issued' | 'responded'
  status_label: string
  matter_id: string | null
  org_id: string
  org_name: string
  target_org_id: string
  target_org_name: string
  subject: string
  document_id: string
  response: string
  responded_at: string | null
  version: number
  created_at: string
}

// A county department's request for the city department's guidance (Art 18).
export interface GuidanceRequest {
  id: string
  status: 'open' | 'answered'
  status_label: string
  from_org_id: string
  from_org_name: string
  to_org_id: string
  to_org_name: string
  matter_id: string | null
  question: string
  answer: string
  answered_at: string | null
  version: number
  created_at: string
}

// GET /people: personal data masked.
export interface PersonSummary {
  id: string
  name: string
  org_id: string
  org_name: string
  position: string
}
