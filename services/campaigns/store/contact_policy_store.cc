#include "services/campaigns/store/contact_policy_store.h"

#include <stdexcept>

#include "services/campaigns/domain/contact_policy.h"
#include "services/campaigns/store/calling_windows_mapping.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

std::optional<ContactPolicyStore::RequestRecord> ContactPolicyStore::FindRequest(
    pqxx::work& tx, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT region_id, fingerprint FROM contact_policy_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return RequestRecord{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void ContactPolicyStore::SaveRequest(pqxx::work& tx, const std::string& request_id,
                                     const RequestRecord& record) const {
  tx.exec_params(
      "INSERT INTO contact_policy_requests (request_id, fingerprint, region_id)"
      " VALUES ($1, $2, $3)",
      request_id, record.fingerprint, record.region_id);
}

v1::ContactPolicy ContactPolicyStore::Get(pqxx::work& tx, const std::string& region) const {
  v1::ContactPolicy policy;
  pqxx::result rows =
      tx.exec_params("SELECT record FROM contact_policies WHERE region_id = $1", region);
  if (rows.empty()) {
    ToProto(DefaultContactPolicy(), &policy);
  } else if (!policy.ParseFromString(pqxx::binarystring(rows[0][0]).str())) {
    throw std::runtime_error("the stored contact policy of region " + region + " does not parse");
  }
  policy.set_region_id(region);
  return policy;
}

bool ContactPolicyStore::Save(pqxx::work& tx, const v1::ContactPolicy& policy,
                              long long expected_revision, const std::string& update_time) const {
  const std::string bytes = policy.SerializeAsString();
  const pqxx::binarystring record(bytes.data(), bytes.size());
  const auto revision = static_cast<long long>(policy.revision());
  // Both statements are compare-and-set: two first-time writers cannot both win (the second one's
  // insert waits for the first and then does nothing), and a writer that read an older revision
  // changes nothing.
  pqxx::result rows =
      expected_revision == 0
          ? tx.exec_params("INSERT INTO contact_policies (region_id, record, revision, update_time)"
                           " VALUES ($1, $2, $3, $4::timestamptz)"
                           " ON CONFLICT (region_id) DO NOTHING RETURNING region_id",
                           policy.region_id(), record, revision, update_time)
          : tx.exec_params("UPDATE contact_policies SET record = $2, revision = $3,"
                           " update_time = $4::timestamptz"
                           " WHERE region_id = $1 AND revision = $5 RETURNING region_id",
                           policy.region_id(), record, revision, update_time, expected_revision);
  return !rows.empty();
}

}  // namespace tmk::campaigns
