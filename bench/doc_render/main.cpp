// Time to render a 2-page notice to PDF and, in the same run when LibreOffice
// is installed, the time `libreoffice --headless --convert-to pdf` takes for
// the same notice written as a .docx (notice_docx.hpp).
//
//   bench_doc_render [renders=30] [conversions=5] [batch=20, at least 2]
//
// LibreOffice is timed as a server-side convert runs it: one process per
// document, so every figure includes the process start. The first conversion
// creates a fresh user profile and is printed apart as the cold start; then
// `conversions` single conversions (median); then `batch` copies in one
// invocation, printed as the warm figure. A private user profile keeps a
// LibreOffice already open on the machine from taking the conversions over.
// pdfinfo and pdftotext (poppler-utils) check that both PDFs have as many
// pages and the same characters on each; the exit status is 1 if not.
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "lecs/docs/render.hpp"
#include "notice_docx.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

lecs::docs::DocumentLayout notice() {
    lecs::docs::DocumentLayout d;
    d.issuer_mark = "邢台市司法局文件";
    d.doc_number = "邢执监通〔2026〕3号";
    d.title = "关于开展2026年度行政执法案卷评查工作的通知";
    d.main_recipients = "各县（市、区）司法局，市直各行政执法部门";
    const std::string para =
        "为进一步规范行政执法行为，提高行政执法质量，根据《邢台市行政执法协调监督工作办法》有关规定，"
        "市司法局决定在全市范围内开展行政执法案卷评查工作。各单位要高度重视，认真组织自查，"
        "按照评查标准逐卷审查，如实填写评查表，于规定期限内报送评查结果。";
    for (int i = 0; i < 3; ++i) d.body.push_back(para);
    d.attachments = {"行政执法案卷评查标准"};
    d.signatory = "邢台市司法局";
    d.date = lecs::Date{2026, 11, 27};
    d.disclosure = "此件公开发布";
    d.cc = "市人民政府办公室。";
    d.printing_org = "邢台市司法局办公室";
    d.printing_date = lecs::Date{2026, 11, 27};
    d.verify_url = "https://lecs.xingtai.gov.cn/v/Zk3xQ9aLr7TbW2mN";
    return d;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double time_ms(const std::function<void()>& f) {
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool on_path(const char* prog) {
    const std::string cmd = std::string("command -v ") + prog + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

std::string capture(const std::string& cmd) {
    std::string out;
    if (FILE* f = popen(cmd.c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
        pclose(f);
    }
    return out;
}

int page_count(const fs::path& pdf) {
    std::smatch m;
    const std::string info = capture("pdfinfo " + quote(pdf) + " 2>/dev/null");
    static const std::regex re(R"(Pages:\s+(\d+))");
    return std::regex_search(info, m, re) ? std::stoi(m[1]) : -1;
}

// The characters of one page of a PDF, white space dropped, sorted: the two
// renderers put the same characters on a page but break lines differently,
// and pdftotext reads the blocks placed apart (版记, caption) in another order.
std::vector<std::string> page_chars(const fs::path& pdf, int page) {
    const std::string p = std::to_string(page);
    const std::string text = capture("pdftotext -enc UTF-8 -f " + p + " -l " + p + " " + quote(pdf) + " - 2>/dev/null");
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
        if (!std::isspace(static_cast<unsigned char>(text[i]))) chars.push_back(text.substr(i, n));
        i += n;
    }
    std::sort(chars.begin(), chars.end());
    return chars;
}

bool same_text(const fs::path& a, const fs::path& b, int pages) {
    for (int p = 1; p <= pages; ++p)
        if (page_chars(a, p) != page_chars(b, p)) return false;
    return true;
}

void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// A `libreoffice --headless --convert-to pdf` of `inputs` into `outdir`.
int libreoffice(const fs::path& profile, const fs::path& outdir, const std::vector<fs::path>& inputs) {
    std::string cmd = "libreoffice -env:UserInstallation=file://" + profile.string() +
                      " --headless --convert-to pdf --outdir " + quote(outdir);
    for (const fs::path& in : inputs) cmd.append(" ").append(quote(in));
    cmd += " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

// The LibreOffice half; returns the process exit code.
int compare_with_libreoffice(const lecs::docs::DocumentLayout& doc, const fs::path& dir, const fs::path& lecs_pdf,
                             double lecs_ms, int conversions, int batch) {
    if (!on_path("libreoffice")) {
        std::printf("libreoffice: not on PATH, comparison skipped (Debian: libreoffice-writer-nogui)\n");
        return 0;
    }
    if (!on_path("pdfinfo") || !on_path("pdftotext")) {
        std::printf("libreoffice: comparison skipped, pdfinfo and pdftotext (poppler-utils) check the output\n");
        return 0;
    }
    const int lecs_pages = page_count(lecs_pdf);
    const fs::path docx = dir / "notice.docx";
    const std::string docx_bytes = bench::notice_docx(doc, lecs_pages % 2 == 1);
    write(docx, docx_bytes);
    const fs::path profile = dir / "lo-profile";
    const fs::path out = dir / "lo";
    fs::create_directories(out);
    const fs::path lo_pdf = out / "notice.pdf";

    int rc = 0;
    const double cold = time_ms([&] { rc = libreoffice(profile, out, {docx}); });
    if (rc != 0 || !fs::exists(lo_pdf)) {
        std::printf("libreoffice: conversion failed (exit %d)\n", rc);
        return 1;
    }
    std::vector<double> lo;
    for (int i = 0; i < conversions; ++i) {
        fs::remove(lo_pdf);
        lo.push_back(time_ms([&] { rc = libreoffice(profile, out, {docx}); }));
        if (rc != 0 || !fs::exists(lo_pdf)) {
            std::printf("libreoffice: conversion failed (exit %d)\n", rc);
            return 1;
        }
    }
    const double lo_ms = median(lo);

    std::vector<fs::path> copies;
    const fs::path batch_in = dir / "batch";
    const fs::path batch_out = dir / "batch-pdf";
    fs::create_directories(batch_in);
    fs::create_directories(batch_out);
    for (int i = 0; i < batch; ++i) {
        copies.push_back(batch_in / ("notice" + std::to_string(i + 1) + ".docx"));
        write(copies.back(), docx_bytes);
    }
    const double batch_ms = time_ms([&] { rc = libreoffice(profile, batch_out, copies); });
    int converted = 0;
    for (int i = 0; i < batch; ++i)
        converted += page_count(batch_out / ("notice" + std::to_string(i + 1) + ".pdf")) > 0;
    if (rc != 0 || converted != batch) {
        std::printf("libreoffice: batch conversion failed (exit %d, %d of %d converted)\n", rc, converted, batch);
        return 1;
    }

    std::string version = capture("libreoffice -env:UserInstallation=file://" + profile.string() + " --version");
    while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back()))) version.pop_back();
    const int lo_pages = page_count(lo_pdf);
    const bool same = lo_pages == lecs_pages && same_text(lo_pdf, lecs_pdf, lecs_pages);
    std::printf("libreoffice: %s\n", version.c_str());
    std::printf("libreoffice: the same notice as .docx (%zu bytes) -> PDF of %d pages (LECS: %d), text %s\n",
                docx_bytes.size(), lo_pages, lecs_pages,
                same ? "the same as LECS's on every page" : "DIFFERS from LECS's (see pdftotext of both)");
    std::printf("libreoffice: cold start (first conversion, new user profile): %.0f ms\n", cold);
    std::printf("libreoffice: per invocation (process start + load + layout + PDF): median %.0f ms over %d\n", lo_ms,
                conversions);
    const double marginal = (batch_ms - lo_ms) / (batch - 1);
    std::printf(
        "libreoffice: warm, %d documents in one invocation: %.0f ms, %.0f ms per document; "
        "(that - one invocation) / %d = %.0f ms per further document\n",
        batch, batch_ms, batch_ms / batch, batch - 1, marginal);
    std::printf("ratio libreoffice / LECS: per invocation %.0fx, warm per further document %.1fx\n", lo_ms / lecs_ms,
                marginal / lecs_ms);
    std::printf("files: %s\n", dir.c_str());
    return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
    const int conversions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int batch = argc > 3 ? std::max(2, std::atoi(argv[3])) : 20;
    const lecs::docs::DocumentLayout doc = notice();

    std::string pdf;
    for (int i = 0; i < 3; ++i) pdf = lecs::docs::render_pdf(doc);  // warm-up: fontconfig, font loading
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) ms.push_back(time_ms([&] { pdf = lecs::docs::render_pdf(doc); }));
    const double lecs_ms = median(ms);
    std::printf("doc_render: median %.2f ms over %d renders (2-page notice, %zu bytes)\n", lecs_ms, n, pdf.size());

    const fs::path dir = fs::temp_directory_path() / "lecs_bench_doc_render";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path lecs_pdf = dir / "lecs.pdf";
    write(lecs_pdf, pdf);
    return compare_with_libreoffice(doc, dir, lecs_pdf, lecs_ms, conversions, batch);
}
