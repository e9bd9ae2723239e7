#include "lecs/docs/detail/render_canvas.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace lecs::docs::detail {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + what + ": " + cairo_status_to_string(status));
}

}  // namespace

double Text::width() const {
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

PdfCanvas::PdfCanvas(const std::string& title, const std::string& subject, const Date& date, double width_pt,
                     double height_pt) {
    surface_ = cairo_pdf_surface_create_for_stream(append_bytes, &out_, width_pt, height_pt);
    check(cairo_surface_status(surface_), "create PDF surface");
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "LECS");
    // Without this cairo stamps the current time, and the bytes (and so the
    // document's SM3 hash) would differ on every render.
    char created[40];
    std::snprintf(created, sizeof created, "%04d-%02d-%02dT00:00:00+08:00", date.y, date.m, date.d);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, created);
    cr_ = cairo_create(surface_);
    check(cairo_status(cr_), "create context");

    pango_ = pango_cairo_create_context(cr_);
    // Unhinted metrics and unrounded glyph positions: the 28-character line
    // depends on advances of exactly 1 em plus the letter spacing.
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(pango_, FALSE);
    PangoLanguage* zh = pango_language_from_string("zh-cn");
    pango_context_set_language(pango_, zh);
}

PdfCanvas::~PdfCanvas() {
    if (pango_) g_object_unref(pango_);
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

Text PdfCanvas::text(std::string_view s, const TextStyle& style, const TextOptions& options) {
    Text t;
    t.size_pt = style.size_pt;
    t.layout = std::shared_ptr<PangoLayout>(pango_layout_new(pango_), [](PangoLayout* l) { g_object_unref(l); });
    PangoLayout* layout = t.layout.get();

    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, style.family.c_str());
    pango_font_description_set_absolute_size(fd, style.size_pt * PANGO_SCALE);
    pango_font_description_set_weight(fd, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);

    if (style.letter_spacing != 0) {
        PangoAttrList* attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(style.letter_spacing));
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    if (options.width_pt > 0) {
        pango_layout_set_width(layout, static_cast<int>(std::floor(options.width_pt * PANGO_SCALE)));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, options.align);
    pango_layout_set_justify(layout, options.justify);
    pango_layout_set_indent(layout, options.indent);
    pango_layout_set_text(layout, s.data(), static_cast<int>(s.size()));

    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        t.line_x.push_back(static_cast<double>(logical.x) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return t;
}

void PdfCanvas::show_line(const Text& t, int line, double x, double baseline, Rgb color) {
    PangoLayoutLine* l = pango_layout_get_line_readonly(t.layout.get(), line);
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_move_to(cr_, x + t.line_x[static_cast<std::size_t>(line)], baseline);
    pango_cairo_show_layout_line(cr_, l);
}

void PdfCanvas::hline(double x0, double x1, double y, double thickness, Rgb color) {
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_rectangle(cr_, x0, y - thickness / 2, x1 - x0, thickness);
    cairo_fill(cr_);
}

void PdfCanvas::rect(double x, double y, double w, double h, double thickness) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, thickness);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
}

void PdfCanvas::circle(double cx, double cy, double radius, double thickness, Rgb color) {
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_set_line_width(cr_, thickness);
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, cx, cy, radius, 0, 2 * M_PI);
    cairo_stroke(cr_);
}

void PdfCanvas::end_page() { cairo_show_page(cr_); }

std::string PdfCanvas::finish() {
    g_object_unref(pango_);
    pango_ = nullptr;
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    check(status, "finish PDF");
    return std::move(out_);
}

}  // namespace lecs::docs::detail
