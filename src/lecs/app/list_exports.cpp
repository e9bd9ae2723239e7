#include "lecs/app/list_exports.hpp"

namespace lecs::app {

using listexport::Field;
using listexport::Format;
using listexport::Layout;

namespace {

const std::map<std::string, std::string> kOrgKinds = {
    {"government", "人民政府"},         {"supervision_dept", "行政执法协调监督部门"},
    {"supervision_room", "协调监督室"}, {"organ", "行政机关"},
    {"authorized", "法律法规授权组织"}, {"entrusted", "受委托组织"},
    {"dispatched", "派出机构"},         {"township_gov", "乡镇政府/街道办事处"},
    {"vertical", "垂直管理部门"},       {"enforcement_team", "综合行政执法队"}};
const std::map<std::string, std::string> kLevels = {{"city", "市级"}, {"county", "县级"}, {"township", "乡镇级"}};
const std::map<std::string, std::string> kOrgStatus = {
    {"active", "正常"},    {"normal", "正常"},      {"suspended", "暂停"}, {"inactive", "停用"},
    {"revoked", "已撤销"}, {"dissolved", "已撤销"}, {"merged", "已合并"}};
const std::map<std::string, std::string> kCertKinds = {{"enforcement", "行政执法证"},
                                                       {"supervision", "行政执法监督证"}};
const std::map<std::string, std::string> kCertStatus = {
    {"valid", "有效"}, {"active", "有效"}, {"expired", "已过期"}, {"suspended", "已暂停"}, {"revoked", "已吊销"}};
const std::map<std::string, std::string> kRoles = {
    {"sys_admin", "系统管理员"},          {"security_admin", "安全管理员"},
    {"audit_admin", "审计管理员"},        {"dept_leader", "部门负责人"},
    {"supervisor", "监督人员"},           {"room_supervisor", "协调监督室人员"},
    {"agency_liaison", "执法机关联络员"}, {"agency_head", "执法机关负责人"},
    {"gov_leader", "政府负责人"},         {"expert", "专家"},
    {"social_supervisor", "社会监督员"},  {"evaluator", "评估机构"}};
const std::map<std::string, std::string> kUserStatus = {{"active", "正常"}, {"disabled", "已停用"}};
const std::map<std::string, std::string> kAuditResults = {{"ok", "成功"}, {"denied", "拒绝"}, {"failed", "失败"}};
const std::map<std::string, std::string> kDocStatus = {{"draft", "草稿"}, {"issued", "已签发"}};
const std::map<std::string, std::string> kSeverity = {{"red", "红色预警"}, {"yellow", "黄色预警"}};
const std::map<std::string, std::string> kActKinds = {
    {"penalty", "行政处罚"}, {"coercion", "行政强制"},     {"inspection", "行政检查"},
    {"license", "行政许可"}, {"levy", "行政征收征用"},     {"expropriation", "行政征收"},
    {"payment", "行政给付"}, {"confirmation", "行政确认"}, {"other", "其他行政行为"}};
const std::map<std::string, std::string> kPenaltyTypes = {
    {"warning", "警告"},    {"fine", "罚款"},          {"confiscation", "没收"}, {"suspension", "暂扣/责令停产停业"},
    {"revocation", "吊销"}, {"detention", "行政拘留"}, {"other", "其他"}};
const std::map<std::string, std::string> kDayTypes = {{"off", "休息（放假）"}, {"workday", "调休上班"}};
const std::map<std::string, std::string> kCatalogStatus = {{"active", "有效"}, {"voided", "已作废"}};

Field text(std::string key, std::string header, double width = 14) {
    return Field{std::move(key), std::move(header), Format::kText, width};
}
Field label(std::string key, std::string header, const std::map<std::string, std::string>& labels, double width = 12) {
    return Field{std::move(key), std::move(header), Format::kLabel, width, labels};
}
Field date(std::string key, std::string header) { return Field{std::move(key), std::move(header), Format::kDate, 12}; }
Field instant(std::string key, std::string header) {
    return Field{std::move(key), std::move(header), Format::kInstant, 17};
}
Field integer(std::string key, std::string header) {
    return Field{std::move(key), std::move(header), Format::kInteger, 10};
}
Field wan(std::string key, std::string header) {
    return Field{std::move(key), std::move(header), Format::kFenToWan, 14};
}

}  // namespace

std::vector<Layout> list_export_layouts() {
    std::vector<Layout> out;
    out.push_back(Layout{.list = "/api/v1/orgs",
                         .title = "机构列表",
                         .file_stem = "机构列表",
                         .fields = {text("name", "机构名称", 32), text("short_name", "简称", 16),
                                    label("kind", "机构类别", kOrgKinds, 20), label("level", "层级", kLevels, 8),
                                    text("region_code", "行政区划代码", 12), text("uscc", "统一社会信用代码", 20),
                                    label("status", "状态", kOrgStatus, 8), date("abolished_on", "撤销日期"),
                                    text("vertical", "垂直管理", 8)},
                         .basis = "数据权限内的机构（含已撤销的），按行政区划和名称排列。",
                         .params = {{"region", "行政区划"}, {"kind", "机构类别"}, {"q", "名称含"}, {"status", "状态"}},
                         .page_size = 200});
    out.push_back(
        Layout{.list = "/api/v1/people",
               .title = "行政执法人员",
               .file_stem = "行政执法人员",
               .fields = {text("name", "姓名", 10), text("org_name", "所在单位", 30), text("position", "职务", 16),
                          text("is_head", "是否负责人", 10), text("is_public_servant", "是否在编公务员", 12),
                          text("id_no", "身份证号（脱敏）", 20), text("phone", "手机号（脱敏）", 14)},
               .basis = "数据权限内的人员；身份证号、手机号按列表的脱敏规则显示，完整信息须逐条申请查看。",
               .params = {{"org_id", "所在单位"}, {"q", "姓名含"}},
               .page_size = 200});
    out.push_back(
        Layout{.list = "/api/v1/certificates",
               .title = "行政执法证件",
               .file_stem = "行政执法证件",
               .fields = {text("number", "证件编号", 18), label("kind", "证件类型", kCertKinds, 14),
                          text("holder_name", "持证人", 10), text("org_name", "所在单位", 30),
                          text("issuer", "发证机关", 24), date("issued_on", "发证日期"), date("expires_on", "有效期至"),
                          label("status", "状态", kCertStatus, 8), date("at", "查验日期"), text("reason", "说明", 30)},
               .basis = "数据权限内的证件；状态为查验日期当日的状态（未指定查验日期为导出当日）。",
               .params = {{"org_id", "所在单位"},
                          {"person_id", "持证人"},
                          {"kind", "证件类型"},
                          {"status", "状态"},
                          {"at", "查验日期"}},
               .page_size = 200});
    out.push_back(Layout{
        .list = "/api/v1/trainings",
        .title = "培训记录",
        .file_stem = "培训记录",
        .fields = {text("course", "培训内容", 36), date("held_on", "培训日期"), integer("minutes", "学时（分钟）")},
        .basis = "数据权限内单位登记的培训（第二十三条）。",
        .params = {{"org_id", "单位"}, {"year", "年度"}},
        .page_size = 200});
    out.push_back(Layout{
        .list = "/api/v1/users",
        .title = "用户列表",
        .file_stem = "用户列表",
        .fields = {text("username", "用户名", 16), text("display_name", "姓名", 10), text("org.name", "所属单位", 30),
                   label("roles", "角色", kRoles, 30), label("status", "状态", kUserStatus, 8),
                   text("totp_enabled", "已启用动态口令", 12), text("must_change_password", "须修改密码", 10)},
        .basis = "数据权限内的系统用户（不含密码、密钥等凭据）。",
        .params = {},
        .page_size = 100});
    out.push_back(Layout{
        .list = "/api/v1/audit",
        .title = "审计日志",
        .file_stem = "审计日志",
        .fields = {integer("seq", "序号"), instant("at", "时间（北京时间）"), text("username", "用户", 14),
                   text("role", "角色", 14), text("ip", "IP地址", 16), text("action", "操作", 22),
                   text("object_kind", "对象类别", 12), text("object_id", "对象", 22),
                   label("result", "结果", kAuditResults, 8), text("detail", "说明", 30),
                   text("request_id", "请求编号", 20)},
        .basis = "审计日志（防篡改哈希链），按时间倒序；查阅本身亦记入审计日志。",
        .params =
            {{"from", "起始日期"}, {"to", "截止日期"}, {"username", "用户"}, {"action", "操作"}, {"result", "结果"}},
        .page_size = 200});
    out.push_back(
        Layout{.list = "/api/v1/documents",
               .title = "公文",
               .file_stem = "公文",
               .fields = {text("number_text", "文号", 22), text("type_name", "文书种类", 20), text("title", "标题", 36),
                          text("recipients", "主送", 30), label("status", "状态", kDocStatus, 8),
                          date("issue_date", "签发日期"), instant("created_at", "起草时间（北京时间）")},
               .basis = "数据权限内的文书，按更新时间倒序。",
               .params = {{"doc_type", "文书种类"}, {"status", "状态"}, {"issuer_org_id", "制发机关"}},
               .page_size = 200});
    out.push_back(
        Layout{.list = "/api/v1/catalog/items",
               .title = "行政执法事项清单",
               .file_stem = "行政执法事项清单",
               .fields = {text("agency_name", "执法机关", 30), text("item_code", "事项编码", 18),
                          text("name", "事项名称", 36), label("kind", "事项类别", kActKinds, 12),
                          date("effective_from", "施行日期"), date("effective_to", "废止日期"),
                          wan("min_amount_fen", "罚款下限（万元）"), wan("max_amount_fen", "罚款上限（万元）"),
                          text("basis", "设定依据", 40), label("status", "状态", kCatalogStatus, 8)},
               .basis = "数据权限内执法机关的执法事项；金额单位万元，保留两位小数。",
               .params = {{"agency", "执法机关"}, {"item_code", "事项编码"}, {"on", "有效日期"}},
               .page_size = 100});
    out.push_back(Layout{
        .list = "/api/v1/monitoring/warnings",
        .title = "执法数据预警",
        .file_stem = "执法数据预警",
        .fields = {label("severity", "预警等级", kSeverity, 10), text("rule", "规则", 8),
                   text("rule_name", "规则名称", 24), text("agency_name", "执法机关", 30),
                   text("region_code", "行政区划代码", 12), date("act_date", "执法行为日期"),
                   text("case_no", "案件编号", 20), text("summary", "预警内容", 44), text("state_label", "状态", 14)},
        .basis = "数据权限内的执法数据预警（执法机关只见已发送本机关的），按执法行为日期倒序。",
        .params = {{"rule", "规则"},
                   {"severity", "预警等级"},
                   {"state", "状态"},
                   {"agency", "执法机关"},
                   {"region", "行政区划"},
                   {"from", "起始日期"},
                   {"to", "截止日期"}},
        .page_size = 100});
    out.push_back(
        Layout{.list = "/api/v1/monitoring/acts",
               .title = "执法行为明细",
               .file_stem = "执法行为明细",
               .fields = {text("case_no", "案件编号", 20), label("kind", "执法行为类别", kActKinds, 12),
                          date("act_date", "执法行为日期"), text("item_code", "事项编码", 16),
                          text("officers", "执法人员", 20), date("filed_on", "立案日期"),
                          date("decided_on", "决定日期"), date("served_on", "送达日期"), date("closed_on", "结案日期"),
                          date("published_on", "公示日期"), label("penalty_types", "处罚种类", kPenaltyTypes, 16),
                          wan("amount_fen", "罚没金额（万元）"), text("legal_review", "经法制审核", 10),
                          text("major", "重大执法决定", 10), text("rules_firing", "触发规则", 14)},
               .basis = "某执法机关某月的执法行为（指标下钻）；金额单位万元，保留两位小数；执法人员按列表显示。",
               .params = {{"agency", "执法机关"}, {"month", "月份"}, {"rule", "触发规则"}, {"kind", "执法行为类别"}},
               .page_size = 100});
    out.push_back(Layout{.list = "/api/v1/supervision/matters",
                         .title = "行政执法监督事项",
                         .file_stem = "行政执法监督事项",
                         .fields = {text("subject", "监督事项", 36), text("target_org_name", "被监督单位", 30),
                                    text("handling_org_name", "承办部门", 26), text("source_label", "来源", 14),
                                    text("mode_label", "监督方式", 12), text("categories", "监督内容", 24),
                                    text("status_label", "状态", 16), date("correction_due", "整改期限"),
                                    date("concluded_on", "办结日期"), instant("created_at", "立项时间（北京时间）")},
                         .basis = "数据权限内的行政执法监督事项，按立项时间倒序。",
                         .params = {{"status", "状态"}, {"source", "来源"}, {"plan", "监督计划"}},
                         .page_size = 100});
    out.push_back(Layout{.list = "/api/v1/supervision/clues",
                         .title = "监督线索",
                         .file_stem = "行政执法监督线索",
                         .fields = {text("target_org_name", "被监督单位", 30), text("content", "线索内容", 44),
                                    text("room_org_name", "报送单位", 26), text("county_org_name", "接收部门", 26),
                                    text("status_label", "状态", 10), text("return_reason", "退回理由", 24),
                                    instant("created_at", "报送时间（北京时间）")},
                         .basis = "数据权限内的监督线索（协调监督室报送），按报送时间倒序。",
                         .params = {{"status", "状态"}},
                         .page_size = 100});
    out.push_back(
        Layout{.list = "/api/v1/supervision/suggestions",
               .title = "行政执法监督建议书",
               .file_stem = "行政执法监督建议书",
               .fields = {text("subject", "建议事项", 36), text("org_name", "制发部门", 26),
                          text("target_org_name", "被建议单位", 26), text("status_label", "状态", 10),
                          text("response", "采纳和落实情况", 40), instant("responded_at", "反馈时间（北京时间）"),
                          instant("created_at", "拟制时间（北京时间）")},
               .basis = "数据权限内的监督建议书（第十五条）。",
               .params = {},
               .page_size = 100});
    out.push_back(Layout{
        .list = "/api/v1/supervision/guidance",
        .title = "指导请求",
        .file_stem = "指导请求",
        .fields = {text("question", "请求指导的问题", 44), text("from_org_name", "请求单位", 26),
                   text("to_org_name", "答复单位", 26), text("status_label", "状态", 10), text("answer", "答复", 40),
                   instant("answered_at", "答复时间（北京时间）"), instant("created_at", "请求时间（北京时间）")},
        .basis = "数据权限内的指导请求（第十八条）。",
        .params = {},
        .page_size = 100});
    // The caller's own to-do list and inbox (the home page): no data scope beyond the caller's self.
    out.push_back(
        Layout{.list = "/api/v1/todos",
               .title = "待办事项",
               .file_stem = "待办事项",
               .fields = {text("title", "事项", 48), date("due_date", "期限"), integer("days_left", "剩余工作日"),
                          text("overdue", "已逾期", 8), label("role", "办理角色", kRoles, 14),
                          instant("created_at", "交办时间（北京时间）")},
               .basis = "等待本人（或本人所在单位本人角色）办理的事项，按期限排列；剩余工作日按工作日历计算。",
               .params = {},
               .page_size = 1000});
    out.push_back(Layout{.list = "/api/v1/inbox",
                         .title = "消息",
                         .file_stem = "消息",
                         .fields = {text("title", "标题", 40), text("body", "内容", 60),
                                    instant("created_at", "时间（北京时间）"), text("read", "已读", 8)},
                         .basis = "本人收到的站内消息（含期限提醒），最新的在前。",
                         .params = {},
                         .page_size = 200});
    out.push_back(Layout{.list = "/api/v1/calendar/days",
                         .title = "工作日历",
                         .file_stem = "工作日历",
                         .fields = {date("date", "日期"), label("type", "安排", kDayTypes, 14),
                                    text("holiday", "节日", 12), text("source", "来源", 30)},
                         .basis = "该年度国务院办公厅公布的放假与调休上班日；未列出的日期周一至周五上班。",
                         .params = {{"year", "年度"}},
                         .page_size = 100});
    out.push_back(Layout{
        .list = "/api/v1/reports",
        .title = "行政执法统计报表",
        .file_stem = "行政执法统计报表",
        .fields = {text("agency_name", "执法机关", 30), text("region_code", "行政区划代码", 12),
                   text("template_name", "报表", 20), text("period_label", "报送期间", 14),
                   text("state_label", "状态", 12), date("due_on", "报送截止日"),
                   instant("submitted_at", "首次报送时间（北京时间）"), text("timeliness_label", "报送情况", 12),
                   integer("days_late", "逾期天数"), instant("accepted_at", "接收时间（北京时间）")},
        .basis = "数据权限内的行政执法统计报表（第十五条）：执法机关为本机关的，县级为本县执法机关的，市级为全市的。",
        .params = {{"template", "报表模板"}, {"period", "报送期间"}, {"state", "状态"}},
        .page_size = 200});
    out.push_back(Layout{
        .list = "/api/v1/reports/compliance",
        .title = "统计报表报送情况",
        .file_stem = "统计报表报送情况",
        .fields = {text("agency_name", "执法机关", 30), text("region_code", "行政区划代码", 12),
                   text("state_label", "状态", 12), instant("submitted_at", "首次报送时间（北京时间）"),
                   text("timeliness_label", "报送情况", 12), integer("days_late", "逾期天数")},
        .basis = "数据权限内每个在用行政执法机关该期间统计报表的报送情况（第十五条），含未填报的。",
        .params =
            {{"template", "报表模板"}, {"period", "报送期间"}, {"region", "行政区划"}, {"timeliness", "报送情况"}},
        .page_size = 100});
    return out;
}

}  // namespace lecs::app
