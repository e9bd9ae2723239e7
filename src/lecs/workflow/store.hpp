// SQL of the workflow module (only here).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lecs/db/db.hpp"
#include "lecs/workflow/model.hpp"

namespace lecs::workflow::store {

void insert_deadline(db::Tx& tx, const Deadline& d, const std::string& created_by);
std::optional<Deadline> find_deadline(db::Tx& tx, int64_t id);  // with pauses and extensions
std::vector<int64_t> open_deadline_ids(db::Tx& tx);
// Bumps version; false when the version is stale.
bool update_deadline_due(db::Tx& tx, const Deadline& d, int64_t now_ms);
bool update_deadline_status(db::Tx& tx, int64_t id, int64_t version, const std::string& status,
                            std::optional<Date> met_on, int64_t now_ms);
void insert_pause(db::Tx& tx, int64_t deadline_id, const PauseRecord& p);
void end_pause(db::Tx& tx, int64_t pause_id, Date end);
void insert_extension(db::Tx& tx, int64_t deadline_id, const ExtensionRecord& e);
void insert_change(db::Tx& tx, int64_t deadline_id, const ChangeRecord& c);
std::vector<ChangeRecord> changes(db::Tx& tx, int64_t deadline_id);

void insert_notification(db::Tx& tx, const Notification& n);
std::vector<Notification> notifications(db::Tx& tx, int64_t user_id, int64_t limit, int64_t offset);
int64_t count_notifications(db::Tx& tx, int64_t user_id, bool unread_only);
// Marks read if it belongs to user_id; false when it does not exist for that user.
bool mark_notification_read(db::Tx& tx, int64_t user_id, int64_t id, int64_t now_ms);

void insert_todo(db::Tx& tx, int64_t id, const TodoInput& t, int64_t now_ms);
int64_t complete_todos(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action,
                       int64_t now_ms);
// Open to-dos of the user, or of one of the roles within org_id; with the deadline's due date.
bool has_open_todo(db::Tx& tx, const std::string& object_kind, int64_t object_id, const std::string& action);
std::vector<Todo> open_todos(db::Tx& tx, int64_t user_id, const std::vector<std::string>& roles, int64_t org_id);

}  // namespace lecs::workflow::store
