#pragma once
// PostgreSQL access for update proposals (R32), sent and received: the only place with their SQL.
// The proposal is sealed whole (its patch holds names and numbers, R6); state and the ids beside
// it are clear for listing.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/proposal.pb.h"

namespace tmk::contacts {

class UpdateProposalStore {
 public:
  explicit UpdateProposalStore(const IdentifierCipher& cipher) : cipher_(cipher) {}

  // `received`: this region owns the customer and decides. False when the id is taken already
  // (a redelivered proposal), true when inserted.
  bool Insert(pqxx::work& tx, const telemarketing::contacts::v1::UpdateProposal& proposal,
              bool received) const;
  std::optional<telemarketing::contacts::v1::UpdateProposal> Find(
      pqxx::work& tx, const std::string& proposal_id, bool for_update = false) const;
  // Rewrites state, outcomes and decide_time.
  void Decide(pqxx::work& tx, const telemarketing::contacts::v1::UpdateProposal& proposal) const;

  // Newest first, strictly before `before_id` when set.
  struct Filter {
    bool received = false;
    std::string customer_id;  // "" for all
    int state = 0;            // 0 for all
  };
  std::vector<telemarketing::contacts::v1::UpdateProposal> List(pqxx::work& tx,
                                                                const Filter& filter,
                                                                const std::string& before_id,
                                                                int limit) const;

  struct Request {
    std::string fingerprint;
    std::string proposal_id;
  };
  std::optional<Request> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& request_id, const Request& request) const;

 private:
  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
