// Time to render a 2-page notice to PDF, and, when LibreOffice is installed,
// the time LibreOffice takes to convert an equivalent HTML page to PDF.
//
//   bench_doc_render [renders=30]
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lecs/docs/render.hpp"

namespace {

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

bool on_path(const char* prog) {
    const std::string cmd = std::string("command -v ") + prog + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    using Clock = std::chrono::steady_clock;
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
    const lecs::docs::DocumentLayout doc = notice();

    std::size_t bytes = 0;
    for (int i = 0; i < 3; ++i) bytes = lecs::docs::render_pdf(doc).size();  // warm-up: fontconfig, font loading
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        bytes = lecs::docs::render_pdf(doc).size();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::printf("doc_render: median %.2f ms over %d renders (2-page notice, %zu bytes)\n", median(ms), n, bytes);

    if (!on_path("libreoffice")) {
        std::printf("libreoffice: not installed, comparison skipped\n");
        return 0;
    }
    // An equivalent document for LibreOffice: the HTML preview, converted
    // headless to PDF.
    const auto dir = std::filesystem::temp_directory_path() / "lecs_bench_doc_render";
    std::filesystem::create_directories(dir);
    const auto html = dir / "notice.html";
    std::ofstream(html) << lecs::docs::render_html_preview(doc);
    std::vector<double> lo;
    for (int i = 0; i < 3; ++i) {
        const std::string cmd = "libreoffice --headless --convert-to pdf --outdir '" + dir.string() + "' '" +
                                html.string() + "' >/dev/null 2>&1";
        const auto t0 = Clock::now();
        const int rc = std::system(cmd.c_str());
        lo.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (rc != 0) {
            std::printf("libreoffice: conversion failed (exit %d), comparison skipped\n", WEXITSTATUS(rc));
            return 0;
        }
    }
    std::printf("libreoffice: median %.0f ms over 3 conversions (HTML preview -> PDF)\n", median(lo));
    return 0;
}
