// Rendering of official documents (公文) after GB/T 9704-2012 《党政机关公文格式》.
//
// Contract: pure rendering, no database, no clock. The same DocumentLayout
// renders to the same PDF bytes (the PDF creation date is derived from the
// document date), so an issued document's hash can be recomputed.
//
//   render_pdf(layout)                 -> A4 PDF bytes: 版头 (份号/密级/紧急程度, red
//                                         发文机关标志, 发文字号, red separator line),
//                                         title, 主送, body on the 22 × 28 grid,
//                                         附件说明, 落款 with the seal position,
//                                         公开属性, 版记, page numbers "— 1 —",
//                                         and a QR code of verify_url on the last page.
//   render_html_preview(layout)        -> a self-contained HTML page with the same
//                                         parts, every text escaped, for review
//                                         before issue.
//   render_delivery_receipt_pdf(r)     -> a one-page 送达回证.
//
// Failures of the rendering libraries (cairo, pango, qrencode) are
// infrastructure failures and throw std::runtime_error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::docs {

// Font families. The defaults are the free CJK fonts shipped by Debian
// (fonts-noto-cjk); a deployment with licensed fonts sets e.g.
// body_family = "仿宋_GB2312", title_family = mark_family = "方正小标宋简体",
// title_bold = mark_bold = false.
struct FontConfig {
    std::string body_family = "Noto Serif CJK SC";   // 仿宋: body, 主送, 落款, 版记
    std::string title_family = "Noto Serif CJK SC";  // 小标宋: title
    bool title_bold = true;
    std::string mark_family = "Noto Serif CJK SC";  // 小标宋: 发文机关标志
    bool mark_bold = true;
    std::string heiti_family = "Noto Sans CJK SC";    // 黑体: 密级, 紧急程度
    std::string songti_family = "Noto Serif CJK SC";  // 宋体: page numbers
};

struct DocumentLayout {
    // 版头
    std::string issuer_mark;             // 发文机关标志, e.g. "邢台市司法局文件"
    std::string doc_number;              // 发文字号, e.g. "邢执监通〔2026〕3号"
    std::optional<std::string> copy_no;  // 份号, e.g. "000123"
    std::optional<std::string> secrecy;  // 密级和保密期限, e.g. "秘密★1年"
    std::optional<std::string> urgency;  // 紧急程度, e.g. "特急"
    // 主体
    std::string title;              // a '\n' forces a line break (§7.3.1: 词意完整); otherwise lines are balanced
    std::string main_recipients;    // 主送机关, rendered with a trailing "："
    std::vector<std::string> body;  // paragraphs, each indented two characters
    std::vector<std::string> attachments;   // 附件说明: names, numbered when more than one
    std::string signatory;                  // 发文机关署名 (落款)
    Date date;                              // 成文日期, rendered "2026年11月27日"
    std::optional<std::string> disclosure;  // 公开属性: "此件公开发布" / "此件不公开" / "依申请公开"
    bool seal = true;                       // true: the seal position is drawn; false: left blank for wet stamping
    // 版记
    std::optional<std::string> cc;  // 抄送, e.g. "市人民政府办公室，各县（市、区）司法局。"
    std::string printing_org;       // 印发机关
    Date printing_date;             // 印发日期
    // Verification
    std::optional<std::string> verify_url;  // QR code on the last page, with "扫码核验"
    FontConfig fonts;
};

std::string render_pdf(const DocumentLayout& doc);
std::string render_html_preview(const DocumentLayout& doc);
// Escapes & < > " ' for HTML text and attribute values (the preview and the public verification page).
std::string escape_html(std::string_view s);

// 送达回证: one page, a table to be signed by the recipient.
struct DeliveryReceiptLayout {
    std::string issuer;          // the issuing organisation, printed above the title
    std::string document_title;  // 送达文书名称
    std::string doc_number;      // 文号
    std::string recipient;       // 受送达人
    std::string address;         // 送达地点 (may be empty)
    std::string channel;         // 送达方式, e.g. "直接送达", "邮寄送达", "电子送达"
    std::string delivered_by;    // 送达人 (may be empty: filled in by hand)
    std::string notes;           // 备注 (may be empty)
    Date issue_date;             // printed under the issuer as 填发日期; also fixes the PDF creation date
    FontConfig fonts;
};

std::string render_delivery_receipt_pdf(const DeliveryReceiptLayout& receipt);

}  // namespace lecs::docs
