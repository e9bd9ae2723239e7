// Domain errors as values.
//
// Contract: a service returns Result<T>. An Error carries a stable machine code
// ("inspection.too_few_supervisors"), a Chinese message for the user, the field
// it concerns (may be empty), the legal basis rendered from the provision
// registry (may be empty) and the HTTP status the API boundary should use.
// Infrastructure failures are NOT Results: they are exceptions, caught only at
// the request boundary (http) or in main.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace lecs {

struct Error {
    std::string code;
    std::string message;  // Simplified Chinese, shown to the user
    std::string field;    // e.g. "team[1]"; empty when the error is not about one field
    std::string basis;    // e.g. 《邢台市行政执法协调监督工作办法》第十三条
    int http_status = 400;

    static Error validation(std::string code, std::string message, std::string field = {}, std::string basis = {}) {
        return Error{std::move(code), std::move(message), std::move(field), std::move(basis), 400};
    }
    static Error not_found(std::string message = "对象不存在或不在您的数据权限范围内") {
        return Error{"not_found", std::move(message), {}, {}, 404};
    }
    static Error forbidden(std::string message = "您没有执行此操作的权限", std::string basis = {}) {
        return Error{"forbidden", std::move(message), {}, std::move(basis), 403};
    }
    static Error conflict(std::string code, std::string message, std::string field = {}, std::string basis = {}) {
        return Error{std::move(code), std::move(message), std::move(field), std::move(basis), 409};
    }
    static Error stale_version() {
        return Error{"version_conflict", "该记录已被他人修改，请刷新后重试", "version", {}, 409};
    }
    static Error unauthenticated(std::string message = "请先登录") {
        return Error{"unauthenticated", std::move(message), {}, {}, 401};
    }
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const Error& error() const { return std::get<1>(v_); }
    Error&& take_error() { return std::get<1>(std::move(v_)); }

  private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : err_(std::move(error)), ok_(false) {}  // NOLINT
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return err_; }
    Error&& take_error() { return std::move(err_); }
    void value() const {}

  private:
    Error err_;
    bool ok_ = true;
};

inline Result<void> ok() { return {}; }

}  // namespace lecs

// LECS_TRY(expr): return the error of a failed Result from the enclosing function.
#define LECS_TRY(expr)                                          \
    do {                                                        \
        auto&& lecs_try_r_ = (expr);                            \
        if (!lecs_try_r_.ok()) return lecs_try_r_.take_error(); \
    } while (0)

// LECS_ASSIGN(var, expr): declare var from a Result's value, or return its error.
#define LECS_CONCAT_(a, b) a##b
#define LECS_CONCAT(a, b) LECS_CONCAT_(a, b)
#define LECS_ASSIGN(decl, expr) LECS_ASSIGN_IMPL_(LECS_CONCAT(lecs_r_, __LINE__), decl, expr)
#define LECS_ASSIGN_IMPL_(tmp, decl, expr)  \
    auto tmp = (expr);                      \
    if (!tmp.ok()) return tmp.take_error(); \
    decl = std::move(tmp).value()
