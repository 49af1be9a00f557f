#include "services/contacts/store/update_proposal_store.h"

#include <google/protobuf/util/time_util.h>

#include "services/contacts/store/bytea.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

bool UpdateProposalStore::Insert(pqxx::work& tx, const v1::UpdateProposal& p,
                                 bool received) const {
  return !tx.exec_params(
               "INSERT INTO update_proposals (proposal_id, customer_id, owner_region_id,"
               " proposing_region_id, received, state, record, create_time)"
               " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::timestamptz)"
               " ON CONFLICT (proposal_id) DO NOTHING RETURNING 1",
               p.proposal_id(), p.customer_id(), p.owner_region_id(), p.proposing_region_id(),
               received, static_cast<int>(p.state()), ByteaParam(cipher_.SealProposal(p)),
               TimeUtil::ToString(p.create_time()))
              .empty();
}

std::optional<v1::UpdateProposal> UpdateProposalStore::Find(pqxx::work& tx,
                                                            const std::string& proposal_id,
                                                            bool for_update) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT proposal_id::text, record FROM update_proposals"
                  " WHERE proposal_id = $1::uuid") +
          (for_update ? " FOR UPDATE" : ""),
      proposal_id);
  if (rows.empty()) return std::nullopt;
  return cipher_.OpenProposal(rows[0][0].as<std::string>(), pqxx::binarystring(rows[0][1]).str());
}

void UpdateProposalStore::Decide(pqxx::work& tx, const v1::UpdateProposal& p) const {
  tx.exec_params(
      "UPDATE update_proposals SET state = $2, record = $3, decide_time = $4::timestamptz"
      " WHERE proposal_id = $1::uuid",
      p.proposal_id(), static_cast<int>(p.state()), ByteaParam(cipher_.SealProposal(p)),
      TimeUtil::ToString(p.decide_time()));
}

std::vector<v1::UpdateProposal> UpdateProposalStore::List(pqxx::work& tx, const Filter& filter,
                                                          const std::string& before_id,
                                                          int limit) const {
  std::vector<v1::UpdateProposal> out;
  for (const auto& row : tx.exec_params(
           "SELECT proposal_id::text, record FROM update_proposals WHERE received = $1"
           " AND ($2 = '' OR customer_id = NULLIF($2, '')::uuid) AND ($3 = 0 OR state = $3)"
           " AND ($4 = '' OR proposal_id < NULLIF($4, '')::uuid)"
           " ORDER BY proposal_id DESC LIMIT $5",
           filter.received, filter.customer_id, filter.state, before_id, limit)) {
    out.push_back(cipher_.OpenProposal(row[0].as<std::string>(), pqxx::binarystring(row[1]).str()));
  }
  return out;
}

std::optional<UpdateProposalStore::Request> UpdateProposalStore::FindRequest(
    pqxx::work& tx, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT fingerprint, proposal_id::text FROM update_proposal_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return Request{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void UpdateProposalStore::SaveRequest(pqxx::work& tx, const std::string& request_id,
                                      const Request& request) const {
  tx.exec_params(
      "INSERT INTO update_proposal_requests (request_id, fingerprint, proposal_id)"
      " VALUES ($1, $2, $3::uuid)",
      request_id, request.fingerprint, request.proposal_id);
}

}  // namespace tmk::contacts
