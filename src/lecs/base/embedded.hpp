// Files embedded in the binary at build time (cmake/embed.cmake): migrations/*.sql
// and data/*.csv, so one binary carries its schema, calendar and division codes;
// and docs/openapi.yaml, the API description served at /api/docs.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace lecs::embedded {

struct File {
    std::string_view path;  // relative to the source root, e.g. "migrations/0001_base.sql"
    std::string_view content;
};

const std::vector<File>& files();

inline std::optional<std::string_view> find(std::string_view path) {
    for (const auto& f : files())
        if (f.path == path) return f.content;
    return std::nullopt;
}

}  // namespace lecs::embedded
