#include "lecs/supervision/scope.hpp"

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
        for (const auto& t : m->team) o.parties.push_back(auth::PartyRef{t.org_id, region_of(t.org_id)});
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
