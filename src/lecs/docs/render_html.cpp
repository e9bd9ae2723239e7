// The HTML preview shown before a document is issued: the same parts as the
// PDF, in the same order, every text escaped.
#include <string>
#include <string_view>

#include "lecs/docs/render.hpp"

namespace lecs::docs {
namespace {

void escape_into(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
}

std::string esc(std::string_view s) { return escape_html(s); }

// A CSS font-family list: the configured family first, then the defaults.
std::string family(const std::string& f, const char* fallback) {
    std::string out = "'";
    for (char c : f)
        if (c != '\'' && c != '<' && c != '>' && c != ';' && c != '{' && c != '}') out += c;
    return out + "', " + fallback;
}

}  // namespace

std::string render_html_preview(const DocumentLayout& d) {
    std::string h;
    h.reserve(4096);
    h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    std::string plain = d.title;
    std::erase(plain, '\n');
    h += esc(plain);
    h += "</title>\n<style>\n";
    h += "body{background:#eee;margin:0}\n";
    // A4 with the GB/T 9704 margins: 37 mm top, 28 mm left, block 156 mm wide.
    h += ".page{background:#fff;width:210mm;min-height:297mm;box-sizing:border-box;margin:8mm auto;"
         "padding:37mm 26mm 35mm 28mm;font-family:" +
         family(d.fonts.body_family, "serif") + ";font-size:16pt;line-height:10.227mm}\n";
    h += ".mark{color:#E60012;text-align:center;font-size:44pt;line-height:1.2;margin-top:35mm;font-family:" +
         family(d.fonts.mark_family, "serif") + (d.fonts.mark_bold ? ";font-weight:bold" : "") + "}\n";
    h += ".number{text-align:center;margin-top:20mm}\n.rule{border-top:0.5mm solid #E60012;margin:4mm 0 20mm}\n";
    h += "h1{text-align:center;font-size:22pt;font-weight:" + std::string(d.fonts.title_bold ? "bold" : "normal") +
         ";margin:0 0 10mm;font-family:" + family(d.fonts.title_family, "serif") + "}\n";
    h += ".body p{text-indent:2em;margin:0;text-align:justify}\n.head{font-family:" +
         family(d.fonts.heiti_family, "sans-serif") + "}\n";
    h += ".closing{text-align:right;margin-top:20mm;padding-right:4em}\n.attachments{margin-top:10mm;padding-left:2em}"
         "\n";
    h += ".seal{color:#E60012}\n.disclosure{padding-left:2em}\n";
    h += ".colophon{margin-top:20mm;font-size:14pt;border-top:0.35mm solid #000;border-bottom:0.35mm solid #000}\n";
    h += ".colophon div{padding:0 1em}\n.colophon .cc{border-bottom:0.25mm solid #000}\n.printed{display:flex;"
         "justify-content:space-between}\n.verify{font-size:10.5pt;margin-top:6mm}\n";
    h += "</style>\n</head>\n<body>\n<div class=\"page\">\n";

    if (d.copy_no) h += "<div class=\"copy-no\">" + esc(*d.copy_no) + "</div>\n";
    if (d.secrecy) h += "<div class=\"head secrecy\">" + esc(*d.secrecy) + "</div>\n";
    if (d.urgency) h += "<div class=\"head urgency\">" + esc(*d.urgency) + "</div>\n";
    if (!d.issuer_mark.empty()) h += "<div class=\"mark\">" + esc(d.issuer_mark) + "</div>\n";
    if (!d.doc_number.empty()) h += "<div class=\"number\">" + esc(d.doc_number) + "</div>\n";
    if (!d.issuer_mark.empty() || !d.doc_number.empty()) h += "<div class=\"rule\"></div>\n";
    // A '\n' in the title is a line break chosen by the drafter (§7.3.1).
    std::string title = esc(d.title);
    for (std::size_t i = title.find('\n'); i != std::string::npos; i = title.find('\n', i)) title.replace(i, 1, "<br>");
    h += "<h1>" + title + "</h1>\n";
    if (!d.main_recipients.empty()) {
        std::string to = d.main_recipients;
        if (!to.ends_with("：") && !to.ends_with(":")) to += "：";
        h += "<div class=\"recipients\">" + esc(to) + "</div>\n";
    }
    h += "<div class=\"body\">\n";
    for (const std::string& p : d.body) h += "<p>" + esc(p) + "</p>\n";
    h += "</div>\n";
    if (!d.attachments.empty()) {
        h += "<div class=\"attachments\">附件：";
        for (std::size_t i = 0; i < d.attachments.size(); ++i) {
            if (i > 0) h += "<br>";
            if (d.attachments.size() > 1) h += std::to_string(i + 1) + ".";
            h += esc(d.attachments[i]);
        }
        h += "</div>\n";
    }
    h += "<div class=\"closing\">\n";
    if (!d.signatory.empty()) h += "<div class=\"signatory\">" + esc(d.signatory) + "</div>\n";
    h += "<div class=\"date\">" + esc(d.date.chinese()) + "</div>\n";
    h += d.seal ? "<div class=\"seal\">（印章位置）</div>\n"
                : "<div class=\"seal\">（不加盖电子印章，供手工用印）</div>\n";
    h += "</div>\n";
    if (d.disclosure) h += "<div class=\"disclosure\">（" + esc(*d.disclosure) + "）</div>\n";
    h += "<div class=\"colophon\">\n";
    if (d.cc) h += "<div class=\"cc\">抄送：" + esc(*d.cc) + "</div>\n";
    h += "<div class=\"printed\"><span>" + esc(d.printing_org) + "</span><span>" + esc(d.printing_date.chinese()) +
         "印发</span></div>\n</div>\n";
    if (d.verify_url) h += "<div class=\"verify\">扫码核验：" + esc(*d.verify_url) + "</div>\n";
    h += "</div>\n</body>\n</html>\n";
    return h;
}

std::string escape_html(std::string_view s) {
    std::string out;
    escape_into(out, s);
    return out;
}

}  // namespace lecs::docs
