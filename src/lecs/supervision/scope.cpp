#include "lecs/supervision/scope.hpp"

#include "lecs/org/store.hpp"
#include "lecs/supervision/store.hpp"

namespace lecs::supervision {

std::optional<auth::Owner> owner_of(db::Tx& tx, std::string_view kind, int64_t id) {
    // Parties are matched by organisation only (no region), as store::visible does: a county's
    // department does not read the city's matter on one of its agencies unless it is on the team.
    auto region_of = [](int64_t) { return std::string(); };
    if (kind == "matter") {
        auto m = store::find_matter(tx, id);
        if (!m) return std::nullopt;
        auth::Owner o{m->region_code, m->handling_org_id};
        o.parties.push_back(auth::PartyRef{m->target_org_id, region_of(m->target_org_id)});
        // A team member's department: its staff's scope is its region, without its organisation, so
        // the member's organisation is a party with its region; MatterService then admits only the
        // member's own department (its caller's organisation), not the rest of that region.
        for (const auto& t : m->team) {
            auto member_org = org::store::find_org(tx, t.org_id);
            o.parties.push_back(auth::PartyRef{t.org_id, member_org ? member_org->region_code : std::string()});
        }
        return o;
    }
    if (kind == "plan") {
        auto p = store::find_plan(tx, id);
        if (!p) return std::nullopt;
        return auth::Owner{p->region_code, p->org_id};
    }
    if (kind == "clue") {
        auto c = store::find_clue(tx, id);
        if (!c) return std::nullopt;
        auth::Owner o{c->region_code, c->county_org_id};
        o.parties.push_back(auth::PartyRef{c->room_org_id, region_of(c->room_org_id)});
        return o;
    }
    return std::nullopt;
}

}  // namespace lecs::supervision
