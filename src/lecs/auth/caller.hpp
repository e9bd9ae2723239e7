// Who is calling, from where, and what they may see.
//
// Contract: the HTTP boundary builds a Caller for every request (anonymous for
// public routes) from the server-side session. Permission checks use can();
// data scope checks use scope.covers(owner). Deny by default: an empty scope
// covers nothing, and a Caller with no permission may do nothing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lecs::auth {

// Where an object belongs: the region code of its organisation (6-digit
// county/city code, or 9-digit township code) and the organisation id.
// An organisation that takes part in an object without owning it (a document's recipient, a
// dispute's party).
struct PartyRef {
    int64_t org_id = 0;
    std::string region_code;
    bool operator==(const PartyRef&) const = default;
};

struct Owner {
    std::string region_code;
    int64_t org_id = 0;
    // Whoever's scope covers a party sees the object too, wherever the owner lies: the party's
    // own staff, and the department of the party's county (REQUIREMENTS §3: a county sees what
    // concerns its county).
    std::vector<PartyRef> parties = {};
};

// REQUIREMENTS §3: city sees all; a county sees its county and its townships;
// a township room its township; an agency what concerns the agency.
struct DataScope {
    bool whole_city = false;
    std::vector<std::string> region_prefixes;  // "130503" covers 130503 and 130503xxx
    std::vector<int64_t> org_ids;              // own organisation and its subordinate bodies

    bool covers(const Owner& o) const {
        if (covers(o.region_code, o.org_id)) return true;
        for (const auto& p : o.parties)
            if (covers(p.region_code, p.org_id)) return true;
        return false;
    }
    bool covers(const std::string& region_code, int64_t org_id) const {
        if (whole_city) return true;
        for (const auto& p : region_prefixes)
            if (!p.empty() && region_code.compare(0, p.size(), p) == 0) return true;
        return std::find(org_ids.begin(), org_ids.end(), org_id) != org_ids.end();
    }
    bool empty() const { return !whole_city && region_prefixes.empty() && org_ids.empty(); }
};

struct Caller {
    // identity (0 / empty when anonymous)
    int64_t user_id = 0;
    std::string username;
    std::string display_name;
    int64_t person_id = 0;
    int64_t org_id = 0;
    std::string org_region;  // region code of the user's organisation
    std::vector<std::string> roles;
    std::vector<std::string> permissions;  // sorted
    DataScope scope;
    // session and request context, for audit
    int64_t session_id = 0;
    std::string ip;
    std::string request_id;
    std::string csrf_token;  // the session's CSRF token (double-submit, X-CSRF-Token header)
    bool must_change_password = false;

    bool anonymous() const { return user_id == 0; }
    bool can(std::string_view perm) const { return std::binary_search(permissions.begin(), permissions.end(), perm); }
    bool has_role(std::string_view r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
    std::string primary_role() const { return roles.empty() ? std::string() : roles.front(); }
};

}  // namespace lecs::auth
