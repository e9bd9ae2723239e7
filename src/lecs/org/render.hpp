// JSON renderings of the org module's data, shared by the API responses and
// the audit before/after values. Ids are JSON strings; PII appears masked only.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "lecs/org/model.hpp"
#include "lecs/org/service.hpp"

namespace lecs::org::render {

boost::json::object org(const Org& o);
boost::json::object org_detail(const OrgDetail& d);
boost::json::array region_tree(const std::vector<RegionNode>& nodes);
boost::json::array org_tree(const std::vector<OrgRegionNode>& nodes);
boost::json::object person(const PersonView& p);
boost::json::object certificate(const CertificateView& c, bool with_events);
boost::json::object event(const CertificateEvent& e);
boost::json::object public_certificate(const PublicCertificate& c);
boost::json::object staffing(const Staffing& s);
boost::json::object training(const Training& t);

}  // namespace lecs::org::render
