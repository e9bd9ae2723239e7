// Small helpers for binding parameters, shared by every module's store.
#pragma once

#include <optional>
#include <string>

#include "lecs/db/db.hpp"

namespace lecs::db {

// An optional bound as the value or as SQL NULL.
template <class T>
Value opt(const std::optional<T>& v) {
    return v ? Value(*v) : Value(nullptr);
}

// Appends v to p and returns its placeholder ("$3"), for SQL built clause by clause.
inline std::string bind(Params& p, Value v) {
    p.push_back(std::move(v));
    // Not "$" + to_string(): GCC 12 -O2 warns falsely on it (-Wrestrict, GCC bug 105329).
    std::string placeholder = std::to_string(p.size());
    placeholder.insert(placeholder.begin(), '$');
    return placeholder;
}

}  // namespace lecs::db
