#include "lecs/base/provision.hpp"

#include <stdexcept>

namespace lecs {
namespace {

constexpr std::string_view kMeasures = "《邢台市行政执法协调监督工作办法》";

const std::vector<ProvisionInfo>& table() {
    static const std::vector<ProvisionInfo> t = {
        {Provision::kMeasuresArt3, "measures.art3", kMeasures, "第三条",
         "市县两级协调监督部门与乡镇（街道）协调监督室的职责"},
        {Provision::kMeasuresArt6, "measures.art6", kMeasures, "第六条", "职责争议先协商，协商不成书面申请协调"},
        {Provision::kMeasuresArt7, "measures.art7", kMeasures, "第七条", "职责争议的协调管辖"},
        {Provision::kMeasuresArt8, "measures.art8", kMeasures, "第八条", "提请协调应当说明的内容"},
        {Provision::kMeasuresArt11, "measures.art11", kMeasures, "第十一条", "行政执法监督的内容"},
        {Provision::kMeasuresArt12, "measures.art12", kMeasures, "第十二条", "日常监督、专项监督、巡查监督"},
        {Provision::kMeasuresArt13, "measures.art13", kMeasures, "第十三条", "现场监督不得少于2人并出示监督证件"},
        {Provision::kMeasuresArt14, "measures.art14", kMeasures, "第十四条", "当场改正、监督通知书、监督决定书"},
        {Provision::kMeasuresArt15, "measures.art15", kMeasures, "第十五条", "统计报表与监督建议书"},
        {Provision::kMeasuresArt16, "measures.art16", kMeasures, "第十六条", "评议考核"},
        {Provision::kMeasuresArt17, "measures.art17", kMeasures, "第十七条", "社会监督员"},
        {Provision::kMeasuresArt18, "measures.art18", kMeasures, "第十八条", "交叉监督与指导帮助"},
        {Provision::kMeasuresArt19, "measures.art19", kMeasures, "第十九条", "约谈与整改"},
        {Provision::kMeasuresArt21, "measures.art21", kMeasures, "第二十一条", "专家咨询"},
        {Provision::kMeasuresArt22, "measures.art22", kMeasures, "第二十二条", "信息系统平台，网上网下一体"},
        {Provision::kMeasuresArt23, "measures.art23", kMeasures, "第二十三条", "队伍建设与培训"},
        {Provision::kMeasuresArt24, "measures.art24", kMeasures, "第二十四条", "经费与非公职人员差旅费"},
        {Provision::kMeasuresArt26, "measures.art26", kMeasures, "第二十六条", "通报表扬"},
        {Provision::kMeasuresArt27, "measures.art27", kMeasures, "第二十七条",
         "授权、受委托、派出机构，乡镇所属机构，垂直管理部门"},
        {Provision::kPiplArt51, "pipl.art51", "《中华人民共和国个人信息保护法》", "第五十一条", "个人信息安全保护措施"},
        {Provision::kCybersecurityLawArt21, "csl.art21", "《中华人民共和国网络安全法》", "第二十一条",
         "网络安全等级保护，网络日志留存不少于六个月"},
        {Provision::kPenaltyLawArt20, "penalty_law.art20", "《中华人民共和国行政处罚法》", "第二十条",
         "受委托组织以委托行政机关名义实施行政处罚"},
        {Provision::kMeasuresArt2, "measures.art2", kMeasures, "第二条",
         "本市行政区域内的行政执法协调监督工作适用本办法"},
        // 国务院令第825号, in force 2026-02-01. Art 42 is verified only in part (legal-facts.md §1.2).
        {Provision::kDecree825Art42, "decree825.art42", "《行政执法监督条例》", "第四十二条",
         "垂直管理的行政执法机关：发现的问题告知其上一级主管部门"},
        {Provision::kDecree825, "decree825", "《行政执法监督条例》", "",
         "行政执法监督通知书、意见书、决定书（意见书的条文内容待核实）"},
        {Provision::kGbt9704, "gbt9704", "GB/T 9704-2012《党政机关公文格式》", "", "公文格式"},
    };
    return t;
}

}  // namespace

const std::vector<ProvisionInfo>& all_provisions() { return table(); }

const ProvisionInfo& info(Provision p) {
    for (const auto& i : table())
        if (i.id == p) return i;
    throw std::logic_error("provision missing from registry");
}

std::string cite(Provision p) {
    const auto& i = info(p);
    return std::string(i.law) + std::string(i.article);
}

}  // namespace lecs
