// A cairo PDF surface with pango text, shared by the document and receipt
// renderers. Private to lecs::docs.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lecs/base/time.hpp"

namespace lecs::docs::detail {

struct Rgb {
    double r = 0, g = 0, b = 0;
};
constexpr Rgb kBlack{0, 0, 0};
// The red of 发文机关标志 and 分隔线 (GB/T 9704-2012 §7.2.3, §7.2.5), #E60012.
constexpr Rgb kRed{230.0 / 255, 0, 18.0 / 255};

struct TextStyle {
    std::string family;
    double size_pt = 16;
    bool bold = false;
    int letter_spacing = 0;  // pango units (1/1024 pt)
};

// A laid-out piece of text: its lines and where each starts inside the layout.
struct Text {
    std::shared_ptr<PangoLayout> layout;
    std::vector<double> line_x;  // pt from the layout's left edge (alignment, indent)
    double size_pt = 16;

    int lines() const { return static_cast<int>(line_x.size()); }
    double width() const;  // logical width of the widest line, pt
};

struct TextOptions {
    double width_pt = 0;  // wrap width; 0: one unwrapped line per paragraph
    PangoAlignment align = PANGO_ALIGN_LEFT;
    bool justify = false;
    int indent = 0;  // pango units; negative: hanging indent
};

class PdfCanvas {
  public:
    // The metadata fix the PDF: title, creator "LECS", and a creation date
    // derived from `date` so the same input gives the same bytes.
    PdfCanvas(const std::string& title, const std::string& subject, const Date& date, double width_pt,
              double height_pt);
    ~PdfCanvas();
    PdfCanvas(const PdfCanvas&) = delete;
    PdfCanvas& operator=(const PdfCanvas&) = delete;

    Text text(std::string_view s, const TextStyle& style, const TextOptions& options = {});

    // Draws line `line` of `t` with the layout's left edge at x and the
    // line's baseline at y.
    void show_line(const Text& t, int line, double x, double baseline, Rgb color = kBlack);
    void hline(double x0, double x1, double y, double thickness, Rgb color);
    void rect(double x, double y, double w, double h, double thickness);
    void circle(double cx, double cy, double radius, double thickness, Rgb color);
    cairo_t* cr() { return cr_; }

    void end_page();
    std::string finish();  // the PDF bytes; the canvas is unusable afterwards

  private:
    std::string out_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    PangoContext* pango_ = nullptr;
};

}  // namespace lecs::docs::detail
