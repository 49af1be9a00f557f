#pragma once
// PostgreSQL access for custom attribute definitions (R1), and the questions about customers'
// custom attributes a definition change must ask. The only place with that SQL.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "telemarketing/contacts/v1/attribute.pb.h"

namespace tmk::contacts {

class AttributeDefinitionStore {
 public:
  // for_update locks the row until the transaction ends (read-modify-write).
  std::optional<telemarketing::contacts::v1::AttributeDefinition> Find(
      pqxx::work& tx, const std::string& attribute_key, bool for_update = false) const;
  // The definitions of those of `keys` that are defined, by key. Key-share locked: a definition
  // checked by a customer write cannot be deleted or narrowed before that write commits.
  std::map<std::string, telemarketing::contacts::v1::AttributeDefinition> FindMany(
      pqxx::work& tx, const std::vector<std::string>& keys) const;
  // False, writing nothing, when the key is already defined.
  bool Insert(pqxx::work& tx, const telemarketing::contacts::v1::AttributeDefinition& d) const;
  void Update(pqxx::work& tx, const telemarketing::contacts::v1::AttributeDefinition& d) const;
  void Delete(pqxx::work& tx, const std::string& attribute_key) const;
  // By key, strictly after `after_key`.
  std::vector<telemarketing::contacts::v1::AttributeDefinition> List(
      pqxx::work& tx, const std::string& after_key, int limit) const;

  // Whether any customer carries the attribute.
  bool InUse(pqxx::work& tx, const std::string& attribute_key) const;
  // Those of `values` that some customer carries as the attribute's (text) value.
  std::vector<std::string> ValuesInUse(pqxx::work& tx, const std::string& attribute_key,
                                       const std::vector<std::string>& values) const;
};

}  // namespace tmk::contacts
