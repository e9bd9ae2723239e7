#include "lecs/workflow/api.hpp"

#include <boost/json.hpp>

#include "lecs/base/id.hpp"

namespace lecs::workflow {
namespace {

boost::json::object todo_json(const Todo& t) {
    boost::json::object o{{"id", id_to_string(t.id)},
                          {"object_kind", t.input.object_kind},
                          {"object_id", id_to_string(t.input.object_id)},
                          {"action", t.input.action},
                          {"title", t.input.title},
                          {"role", t.input.role},
                          {"created_at", iso_instant(t.created_at)}};
    if (t.due_date) {
        o["due_date"] = t.due_date->iso();
        o["overdue"] = t.due_state->overdue;
        o["due_soon"] = t.due_state->due_soon;
        o["days_left"] = t.due_state->days_left;
    } else {
        o["due_date"] = nullptr;
        o["overdue"] = false;
        o["due_soon"] = false;
        o["days_left"] = nullptr;
    }
    return o;
}

boost::json::object notification_json(const Notification& n) {
    return boost::json::object{{"id", id_to_string(n.id)},
                               {"kind", n.kind},
                               {"title", n.title},
                               {"body", n.body},
                               {"object_kind", n.object_kind},
                               {"object_id", n.object_id > 0 ? id_to_string(n.object_id) : std::string()},
                               {"created_at", iso_instant(n.created_at)},
                               {"read", n.read_at.has_value()}};
}

int int_param(const http::Request& req, std::string_view name, int fallback) {
    auto v = req.query_param(name);
    if (!v || v->empty() || v->size() > 6) return fallback;
    int n = 0;
    for (char c : *v) {
        if (c < '0' || c > '9') return fallback;
        n = n * 10 + (c - '0');
    }
    return n;
}

}  // namespace

void register_api(http::Router& r, WorkflowService& svc, db::Database& db, std::function<int64_t()> clock) {
    if (!clock) clock = [] { return now_ms(); };
    r.get("/api/v1/todos",
          {.permission = std::string(http::kAuthenticated),
           .scope = http::ScopeRule::self(),
           .summary = "What waits on me (待办), with due state"},
          [&svc, &db, clock](const http::Request&, const auth::Caller& who) {
              auto items = db.read([&](db::Tx& tx) { return svc.todos(tx, who, clock()); });
              boost::json::array arr;
              for (const auto& t : items) arr.push_back(todo_json(t));
              boost::json::object o{{"items", std::move(arr)}, {"total", static_cast<int64_t>(items.size())}};
              return http::Response::json(200, boost::json::serialize(o));
          });
    r.get("/api/v1/inbox",
          {.permission = std::string(http::kAuthenticated),
           .scope = http::ScopeRule::self(),
           .summary = "My notifications, with a read flag"},
          [&svc, &db](const http::Request& req, const auth::Caller& who) {
              auto page = db.read([&](db::Tx& tx) {
                  return svc.inbox(tx, who, int_param(req, "page", 1), int_param(req, "size", 20));
              });
              boost::json::array arr;
              for (const auto& n : page.items) arr.push_back(notification_json(n));
              boost::json::object o{{"items", std::move(arr)}, {"total", page.total}, {"unread", page.unread}};
              return http::Response::json(200, boost::json::serialize(o));
          });
    r.post("/api/v1/inbox/{id}/read",
           {.permission = std::string(http::kAuthenticated),
            .scope = http::ScopeRule::self(),
            .summary = "Mark one of my notifications read"},
           [&svc, &db, clock](const http::Request& req, const auth::Caller& who) {
               const int64_t id = parse_id(req.param("id"));
               if (id == 0) return http::error_response(Error::not_found());
               auto res = db.write([&](db::Tx& tx) { return svc.mark_read(tx, who, id, clock()); });
               if (!res) return http::error_response(res.error());
               return http::Response::no_content();
           });
}

}  // namespace lecs::workflow
