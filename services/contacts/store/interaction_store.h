#pragma once
// PostgreSQL access for interactions (R4): references to calls, recordings, orders... that other
// services attach to a customer. The only place with their SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/contacts/v1/history.pb.h"

namespace tmk::contacts {

class InteractionStore {
 public:
  // The attachment of this reference, whichever customer it belongs to.
  std::optional<telemarketing::contacts::v1::Interaction> FindByReference(
      pqxx::work& tx, int kind, const std::string& reference_id) const;
  std::optional<telemarketing::contacts::v1::Interaction> Find(
      pqxx::work& tx, const std::string& interaction_id) const;
  // False, writing nothing, when (kind, reference_id) is already attached (a concurrent attach
  // won): the caller reads that one back.
  bool Insert(pqxx::work& tx, const telemarketing::contacts::v1::Interaction& interaction) const;

  // Newest first: by (occur_time, interaction_id) descending, strictly after `after` when set.
  struct Cursor {
    std::string occur_time;  // RFC 3339, as NextCursor gives it
    std::string interaction_id;
  };
  std::vector<telemarketing::contacts::v1::Interaction> List(
      pqxx::work& tx, const std::string& customer_id, const std::vector<int>& kinds,
      const std::optional<Cursor>& after, int limit) const;
};

}  // namespace tmk::contacts
