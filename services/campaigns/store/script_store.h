#pragma once
// PostgreSQL access for scripts and their versions (R9): the only place with their SQL. Messages
// are stored as protobuf bytes; the columns beside them serve lookups, listing and the review
// rules (state, editors). A version's retire_reason lives in its own column only, and comes with
// every version read.
#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "telemarketing/campaigns/v1/script.pb.h"

namespace tmk::campaigns {

class ScriptStore {
 public:
  // ---- Idempotency: one table for every script verb, keyed by (verb, request_id).
  struct RequestRecord {
    std::string script_id;
    int32_t version = 0;      // 0 for script-level verbs
    std::string fingerprint;  // of the request that used the id first
  };
  std::optional<RequestRecord> FindRequest(pqxx::work& tx, const std::string& verb,
                                           const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                   const RequestRecord& record) const;

  // ---- Scripts. Found scripts carry latest_version and latest_approved_version.
  void InsertScript(pqxx::work& tx, const telemarketing::campaigns::v1::Script& script) const;
  // for_update locks the row until the transaction ends: read-modify-write of the script, and
  // the serialisation point of everything done to its versions.
  std::optional<telemarketing::campaigns::v1::Script> FindScript(pqxx::work& tx,
                                                                 const std::string& script_id,
                                                                 bool for_update = false) const;
  // Rewrites the record; the caller has bumped the revision.
  void UpdateScript(pqxx::work& tx, const telemarketing::campaigns::v1::Script& script) const;
  // Deletes the script with its versions.
  void DeleteScript(pqxx::work& tx, const std::string& script_id) const;

  // One page of ListScripts, newest first (script ids are UUIDv7), after `after_script_id`.
  struct ScriptFilter {
    int campaign_type = 0;  // 0: any
    bool approved_only = false;
  };
  std::vector<telemarketing::campaigns::v1::Script> ListScripts(
      pqxx::work& tx, const ScriptFilter& filter, const std::string& after_script_id,
      int limit) const;

  // What the review rules need to know about a script's versions (script_review.h).
  struct ReviewHistory {
    bool ever_approved = false;       // a version is APPROVED or RETIRED
    bool any_left_draft = false;      // a version is IN_REVIEW, APPROVED or RETIRED
  };
  ReviewHistory History(pqxx::work& tx, const std::string& script_id) const;

  // ---- Versions.
  struct StoredVersion {
    telemarketing::campaigns::v1::ScriptVersion version;
    std::vector<std::string> editor_ids;
  };
  // The next version number of a locked script (FindScript with for_update), counted.
  int32_t AllocateVersion(pqxx::work& tx, const std::string& script_id) const;
  void InsertVersion(pqxx::work& tx, const StoredVersion& stored) const;
  std::optional<StoredVersion> FindVersion(pqxx::work& tx, const std::string& script_id,
                                           int32_t version, bool for_update = false) const;
  // Rewrites record, state, editors and retire_reason; the caller has bumped the revision.
  void UpdateVersion(pqxx::work& tx, const StoredVersion& stored) const;
  void DeleteVersion(pqxx::work& tx, const std::string& script_id, int32_t version) const;
  // Highest APPROVED version; 0 when none.
  int32_t LatestApprovedVersion(pqxx::work& tx, const std::string& script_id) const;
  // One page of ListScriptVersions, newest first, below `before_version` when it is > 0.
  std::vector<telemarketing::campaigns::v1::ScriptVersion> ListVersions(
      pqxx::work& tx, const std::string& script_id, const std::vector<int>& states,
      int32_t before_version, int limit) const;

  // For campaigns (readiness, snapshots): the version as stored; NOT_FOUND when absent.
  absl::StatusOr<telemarketing::campaigns::v1::ScriptVersion> GetVersion(
      pqxx::work& tx, std::string_view script_id, int32_t version) const;
};

}  // namespace tmk::campaigns
