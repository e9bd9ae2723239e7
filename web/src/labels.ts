// Chinese names for the codes the API sends. Unknown codes are shown as they are, so a new
// code is visible rather than hidden.

export const kRoleNames: Record<string, string> = {
  sys_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  dept_leader: '部门负责人',
  supervisor: '监督人员',
  room_supervisor: '协调监督室人员',
  agency_liaison: '执法机关联络员',
  agency_head: '执法机关负责人',
  gov_leader: '政府负责人',
  expert: '专家',
  social_supervisor: '社会监督员',
  evaluator: '评估机构',
}

export const kOrgKinds: Record<string, string> = {
  government: '人民政府',
  supervision_dept: '行政执法协调监督部门',
  supervision_room: '协调监督室',
  organ: '行政机关',
  authorized: '法律法规授权组织',
  entrusted: '受委托组织',
  dispatched: '派出机构',
  township_gov: '乡镇政府/街道办事处',
  vertical: '垂直管理部门',
  enforcement_team: '综合行政执法队',
}

export const kOrgStatus: Record<string, string> = {
  active: '正常',
  normal: '正常',
  suspended: '暂停',
  inactive: '停用',
  revoked: '已撤销',
  dissolved: '已撤销',
  merged: '已合并',
}

export const kCertStatus: Record<string, { label: string; tag: 'success' | 'info' | 'warning' | 'danger' }> = {
  valid: { label: '有效', tag: 'success' },
  active: { label: '有效', tag: 'success' },
  expired: { label: '已过期', tag: 'info' },
  suspended: { label: '已暂停', tag: 'warning' },
  revoked: { label: '已吊销', tag: 'danger' },
}

export const kCertKinds: Record<string, string> = {
  enforcement: '行政执法证',
  supervision: '行政执法监督证',
}

export const kAuditResults: Record<string, string> = {
  ok: '成功',
  denied: '拒绝',
  failed: '失败',
}

export const kAuditActions: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.password_reset': '重置密码',
  'auth.totp_enroll': '绑定动态口令',
  'auth.totp_confirm': '确认动态口令',
  'user.create': '新建用户',
  'user.roles': '分配角色',
  'user.unlock': '解锁用户',
  'org.create': '新建机构',
  'org.update': '修改机构',
  'person.create': '新建人员',
  'person.update': '修改人员',
  'person.unmask': '查看完整个人信息',
  'cert.create': '新建证件',
  'cert.event': '证件状态变更',
  'calendar.set_day': '调整工作日历',
  'http.refused': '请求被拒绝',
  'list.export': '导出Excel',
}

export const kDocStatus: Record<string, string> = {
  draft: '草稿',
  issued: '已签发',
}

export const kDeliveryChannels: Record<string, string> = {
  direct: '直接送达',
  post: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
}

export const kDisputeStatus: Record<string, string> = {
  draft: '草稿',
  under_review: '受理审核',
  awaiting_supplement: '待补正',
  refused: '不予受理',
  withdrawn: '已撤回',
  coordinating: '协调处理',
  opinion_pending: '意见书待审批',
  opinion_issued: '意见书已出具',
  awaiting_government_decision: '报请本级人民政府决定',
  closed: '已办结',
}

export const kLevels: Record<string, string> = { city: '市级', county: '县级', township: '乡镇级' }

// 不予受理 grounds (REQUIREMENTS §4).
export const kRefusalCodes: Record<string, string> = {
  not_jurisdiction_dispute: '不属于行政执法职责争议',
  not_negotiated: '未经协商（第六条）',
  not_competent: '不属于本部门管辖（第七条）',
  other: '其他',
}

export const kDisputeEvents: Record<string, string> = {
  drafted: '起草申请',
  updated: '修改申请',
  filed: '提交申请',
  supplement_requested: '要求补正',
  supplemented: '补正材料',
  supplement_lapsed: '逾期未补正，视为撤回',
  accepted: '受理',
  refused: '不予受理',
  withdrawn: '撤回申请',
  position_filed: '提交书面意见',
  meeting_recorded: '协调会议',
  consultation_recorded: '书面征求意见',
  expert_opinion_recorded: '专家意见',
  statement_recorded: '当事方陈述',
  opinion_proposed: '提交协调处理意见书',
  opinion_returned: '退回意见书',
  opinion_issued: '出具协调处理意见书',
  reported_to_government: '报本级人民政府决定',
  decided: '本级人民政府作出决定',
  closed: '办结',
}

export const kDisputeRecordKinds: Record<string, string> = {
  meeting: '协调会议',
  consultation: '书面征求意见',
  expert_opinion: '专家意见',
  statement: '当事方陈述',
}

// Supervision casework (Art 11–14, 18): the matter table's states (src/lecs/supervision/matter_table.cpp).
export const kMatterStatus: Record<string, string> = {
  open: '办理中',
  notice_pending: '通知书待签发',
  rectifying: '整改中',
  verifying: '待复查',
  rectification_failed: '整改未到位',
  awaiting_government: '报请本级人民政府决定',
  decided: '已作出监督决定',
  closed: '已办结',
}

// The matter's timeline (supervision_events.kind).
export const kMatterEvents: Record<string, string> = {
  opened: '立项',
  member_added: '增加监督人员',
  taken_over: '提级监督',
  inspection_recorded: '现场监督',
  file_reviewed: '案卷评查',
  finding_added: '记录发现的问题',
  notice_proposed: '拟制监督通知书',
  notice_returned: '退回监督通知书',
  notice_issued: '签发并送达监督通知书',
  report_submitted: '报送整改情况',
  verified_passed: '复查通过',
  verified_failed: '复查未通过',
  reported_to_government: '报请本级人民政府决定',
  decided: '本级人民政府作出监督决定',
  fulfilment_recorded: '记录决定事项执行情况',
  closed: '办结',
}

export const kReviewGrades: Record<string, string> = { excellent: '优秀', pass: '合格', fail: '不合格' }

export const kFindingDispositions: Record<string, string> = { on_spot: '当场改正', notice: '制发监督通知书' }

export const kClueStatus: Record<string, string> = { submitted: '待处理', accepted: '已立项', returned: '已退回' }

export function label(map: Record<string, string>, code: string | undefined | null): string {
  if (!code) return ''
  return map[code] ?? code
}

export function roleNames(roles: string[] | undefined): string {
  return (roles ?? []).map((r) => label(kRoleNames, r)).join('、')
}

// Instants are ms UTC; officials read Beijing time.
export function formatInstant(v: unknown): string {
  if (v === undefined || v === null || v === '') return ''
  const ms = typeof v === 'number' ? v : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(String(v))
  if (Number.isNaN(ms)) return String(v)
  return new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}

// Reads the first present field among several names, so a row renders whether the server sends
// `org_name` or `org: {name}`.
export function pick(row: Record<string, unknown> | undefined, ...paths: string[]): string {
  if (!row) return ''
  for (const p of paths) {
    let cur: unknown = row
    for (const part of p.split('.')) {
      if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[part]
      else {
        cur = undefined
        break
      }
    }
    if (cur !== undefined && cur !== null && cur !== '' && typeof cur !== 'object') return String(cur)
  }
  return ''
}

// Legal dates are YYYY-MM-DD strings with no time zone; weekday arithmetic is done in UTC so the
// browser's zone never shifts a day.
const kWeekdays = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return kWeekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
}

// 2026-02-16 → 2026年2月16日（星期一）
export function chineseDate(date: string | null | undefined, withWeekday = true): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date ?? ''
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日` + (withWeekday ? `（${weekdayOf(date)}）` : '')
}

export const kDayTypes: Record<string, string> = {
  off: '休息（放假）',
  workday: '调休上班',
  normal: '按周一至周五',
}
