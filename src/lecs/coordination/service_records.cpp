// DisputeService: what the competent department records while coordinating
// (Art 6 "组织化解", REQUIREMENTS §4 step 3): meetings, written consultations,
// expert opinions and the parties' statements.
#include <algorithm>
#include <boost/json.hpp>

#include "lecs/base/id.hpp"
#include "lecs/coordination/detail/service_support.hpp"
#include "lecs/coordination/service.hpp"

namespace lecs::coordination {

using namespace detail;

namespace {

namespace json = boost::json;

Error required(const char* label, const char* field) {
    return Error::validation("validation.required", std::string("「") + label + "」不能为空", field);
}

// The fields each kind must have, named as the form names them.
Result<void> check_record(const CoordinationRecord& r) {
    if (r.kind == record_kind::kMeeting) {
        if (!r.occurred_at) return required("会议时间", "held_at");
        if (!has_text(r.place)) return required("会议地点", "place");
        if (!has_text(r.participants)) return required("参会人员", "attendees");
        if (!has_text(r.content)) return required("会议纪要", "minutes");
    } else if (r.kind == record_kind::kConsultation) {
        if (!has_text(r.participants)) return required("征求意见对象", "consulted");
        if (!has_text(r.question)) return required("征求意见事项", "question");
        if (!has_text(r.content)) return required("回复意见", "answer");
    } else if (r.kind == record_kind::kExpertOpinion) {
        if (!has_text(r.participants)) return required("专家姓名", "expert");
        if (!has_text(r.content)) return required("专家意见", "opinion");
    } else if (r.kind == record_kind::kStatement) {
        if (!r.party_org_id) return required("陈述方", "party_org_id");
        if (!has_text(r.content)) return required("陈述内容", "statement");
    }
    return ok();
}

}  // namespace

// Scope, version and the table first, then the content: a caller without the
// right gets the same answer whatever it sent.
Result<Dispute> DisputeService::add_record(db::Tx& tx, const auth::Caller& who, int64_t id, std::string_view event,
                                           CoordinationRecord r, int64_t expected_version, int64_t now_ms) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    if (d.version != expected_version) return Error::stale_version();
    const DisputeFacts f = facts_of(tx, d);
    LECS_ASSIGN(std::string to, dispute_machine().fire(d.status, event, who, context_of(tx, d, f)));
    LECS_TRY(check_record(r));
    if (r.kind == record_kind::kStatement) {
        const bool party = std::any_of(d.parties.begin(), d.parties.end(),
                                       [&](const DisputeParty& p) { return r.party_org_id == p.org_id; });
        if (!party) return Error::validation("dispute.not_a_party", "陈述方须是本争议的当事方", "party_org_id");
    }
    const std::string before = dispute_json(d);
    r.id = new_id();
    r.dispute_id = d.id;
    r.created_at = now_ms;
    r.created_by = who.user_id;
    if (who.org_id) r.created_by_org = who.org_id;
    store::insert_record(tx, r);
    json::object payload{{"record_id", id_to_string(r.id)}, {"kind", r.kind}};
    if (r.kind == record_kind::kMeeting) {
        payload["held_at"] = *r.occurred_at;
        payload["place"] = r.place;
        payload["attendees"] = r.participants;
    } else if (r.kind == record_kind::kConsultation) {
        payload["consulted"] = r.participants;
    } else if (r.kind == record_kind::kExpertOpinion) {
        payload["expert"] = r.participants;
    } else if (r.kind == record_kind::kStatement) {
        payload["party_org_id"] = id_to_string(*r.party_org_id);
    }
    d.status = std::move(to);
    return commit_change(tx, who, std::move(d), before, expected_version, r.kind + "_recorded",
                         json::serialize(payload), now_ms);
}

Result<Dispute> DisputeService::record_meeting(db::Tx& tx, const auth::Caller& who, int64_t id, const MeetingInput& in,
                                               int64_t expected_version, int64_t now_ms) {
    CoordinationRecord r;
    r.kind = record_kind::kMeeting;
    if (in.held_at > 0) r.occurred_at = in.held_at;
    r.place = in.place;
    r.participants = in.attendees;
    r.content = in.minutes;
    r.attachment_id = in.attachment_id;
    return add_record(tx, who, id, dispute_event::kRecordMeeting, std::move(r), expected_version, now_ms);
}

Result<Dispute> DisputeService::record_consultation(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                    const ConsultationInput& in, int64_t expected_version,
                                                    int64_t now_ms) {
    CoordinationRecord r;
    r.kind = record_kind::kConsultation;
    r.participants = in.consulted;
    r.question = in.question;
    r.content = in.answer;
    r.attachment_id = in.attachment_id;
    return add_record(tx, who, id, dispute_event::kRecordConsultation, std::move(r), expected_version, now_ms);
}

Result<Dispute> DisputeService::record_expert_opinion(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                      const ExpertOpinionInput& in, int64_t expected_version,
                                                      int64_t now_ms) {
    CoordinationRecord r;
    r.kind = record_kind::kExpertOpinion;
    r.participants = in.expert;
    r.content = in.opinion;
    r.attachment_id = in.attachment_id;
    return add_record(tx, who, id, dispute_event::kRecordExpertOpinion, std::move(r), expected_version, now_ms);
}

Result<Dispute> DisputeService::record_statement(db::Tx& tx, const auth::Caller& who, int64_t id,
                                                 const StatementInput& in, int64_t expected_version, int64_t now_ms) {
    CoordinationRecord r;
    r.kind = record_kind::kStatement;
    if (in.party_org_id > 0) r.party_org_id = in.party_org_id;
    r.content = in.statement;
    r.attachment_id = in.attachment_id;
    return add_record(tx, who, id, dispute_event::kRecordStatement, std::move(r), expected_version, now_ms);
}

Result<std::vector<CoordinationRecord>> DisputeService::records(db::Tx& tx, const auth::Caller& who, int64_t id) {
    LECS_ASSIGN(Dispute d, load_visible(tx, who, id));
    return store::list_records(tx, d.id);
}

}  // namespace lecs::coordination
