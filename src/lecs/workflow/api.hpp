// Routes of the workflow module:
//   GET  /api/v1/todos            authenticated, self → {"items":[{id,object_kind,object_id,action,title,
//                                  role,created_at,due_date,overdue,due_soon,days_left}],"total":N}
//   GET  /api/v1/inbox?page=&size= authenticated, self → {"items":[{id,kind,title,body,object_kind,object_id,
//                                  created_at,read}],"total":N,"unread":N}
//   POST /api/v1/inbox/{id}/read  authenticated, self → 204; 404 when not the caller's notification
#pragma once

#include <cstdint>
#include <functional>

#include "lecs/db/db.hpp"
#include "lecs/http/http.hpp"
#include "lecs/workflow/service.hpp"

namespace lecs::workflow {

// clock: the request time (UTC ms); empty → lecs::now_ms. Tests pass a fixed one.
void register_api(http::Router& r, WorkflowService& svc, db::Database& db, std::function<int64_t()> clock = {});

}  // namespace lecs::workflow
