#pragma once
// PostgreSQL access for segments and contact lists (R8): the only place with their SQL, and the
// one place a parsed segment filter becomes a query — always with its values as bind parameters.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contacts/domain/segment_filter.h"
#include "telemarketing/contacts/v1/segment.pb.h"

namespace tmk::contacts {

// A boolean SQL expression over `customers c`, its placeholders numbered from first_param.
struct SqlCondition {
  std::string sql;
  std::vector<std::string> params;  // in placeholder order; all passed as text and cast in SQL
};

// Compiles a validated filter. `at` (RFC 3339) is the evaluation instant: `age` and consent
// expiry are judged then. Never fails on a tree from ParseSegmentFilter; the status guards
// against trees built by hand.
absl::StatusOr<SqlCondition> CompileSegmentFilter(const segment::FilterNode& root,
                                                  const std::string& at, int first_param = 1);

class SegmentStore {
 public:
  struct Request {
    std::string method;
    std::string fingerprint;
    std::string result_id;
  };
  struct StoredSegment {
    telemarketing::contacts::v1::Segment segment;
    bool deleted = false;
  };
  // What EvaluateSegment selects: a list plus how many matched before the callability check.
  struct Evaluation {
    std::string list_id;
    std::string display_name;
    std::string segment_id;
    std::string normalized_filter;
    int purpose = 0;  // 0: callability not checked
    int channel = 0;
    std::string campaign_id;
    std::string region_id;
    std::string creator_id;
    int creator_role = 0;
    std::string at;  // RFC 3339: create and snapshot time
  };

  std::optional<Request> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& request_id, const Request& request) const;

  void InsertSegment(pqxx::work& tx, const telemarketing::contacts::v1::Segment& segment) const;
  std::optional<StoredSegment> FindSegment(pqxx::work& tx, const std::string& segment_id,
                                           bool for_update = false) const;
  // Newest first, after `after_id` (exclusive) when set; deleted segments are left out.
  std::vector<telemarketing::contacts::v1::Segment> ListSegments(pqxx::work& tx,
                                                                 const std::string& after_id,
                                                                 int limit) const;
  // Writes name, description, filters, update time and bumps the etag.
  void UpdateSegment(pqxx::work& tx, const telemarketing::contacts::v1::Segment& segment) const;
  void DeleteSegment(pqxx::work& tx, const std::string& segment_id, const std::string& at) const;

  long long CountMatches(pqxx::work& tx, const SqlCondition& condition) const;
  // One statement (one snapshot): selects the matching customers, keeps the callable ones when
  // evaluation.purpose is set, writes the list and its members, and records it on the segment.
  telemarketing::contacts::v1::ContactList Evaluate(pqxx::work& tx, const Evaluation& evaluation,
                                                    const segment::FilterNode& filter) const;

  std::optional<telemarketing::contacts::v1::ContactList> FindList(
      pqxx::work& tx, const std::string& list_id) const;
  // Newest first; only lists of `segment_id` when set.
  std::vector<telemarketing::contacts::v1::ContactList> ListLists(pqxx::work& tx,
                                                                  const std::string& segment_id,
                                                                  const std::string& after_id,
                                                                  int limit) const;
  // By customer_id, after `after_customer_id` (exclusive) when set.
  std::vector<telemarketing::contacts::v1::ContactListMember> ListMembers(
      pqxx::work& tx, const std::string& list_id, const std::string& after_customer_id,
      int limit) const;
  // Removes the list and its members; false when there was none.
  bool DeleteList(pqxx::work& tx, const std::string& list_id) const;
};

}  // namespace tmk::contacts
