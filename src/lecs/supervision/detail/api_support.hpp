// Helpers shared by the supervision module's route files (api.cpp, advice_api.cpp); not part of
// the module's interface.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "lecs/base/id.hpp"
#include "lecs/base/time.hpp"
#include "lecs/http/http.hpp"

namespace lecs::supervision::detail {

inline http::RouteSpec spec(std::string perm, http::ScopeRule scope, std::string summary,
                            bool idempotent_create = false) {
    http::RouteSpec s;
    s.permission = std::move(perm);
    s.scope = std::move(scope);
    s.summary = std::move(summary);
    s.idempotent_create = idempotent_create;
    return s;
}

inline boost::json::value opt_id(const std::optional<int64_t>& v) {
    return v ? boost::json::value(id_to_string(*v)) : boost::json::value(nullptr);
}
inline boost::json::value opt_date(const std::optional<Date>& v) {
    return v ? boost::json::value(v->iso()) : boost::json::value(nullptr);
}
inline boost::json::value opt_instant(const std::optional<int64_t>& v) {
    return v ? boost::json::value(iso_instant(*v)) : boost::json::value(nullptr);
}

}  // namespace lecs::supervision::detail
