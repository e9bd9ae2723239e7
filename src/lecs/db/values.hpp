// Small helpers for binding parameters, shared by every module's store.
#pragma once

#include <optional>

#include "lecs/db/db.hpp"

namespace lecs::db {

// An optional bound as the value or as SQL NULL.
template <class T>
Value opt(const std::optional<T>& v) {
    return v ? Value(*v) : Value(nullptr);
}

}  // namespace lecs::db
