#pragma once
// Settings of the contacts module (STYLE.md §6): the keys that protect personal data at rest
// (R6). Read only when this process hosts contacts, required then, validated at start-up, and
// never repeated in a message, a log line or a metric.
#include <set>
#include <string>
#include <vector>

#include "services/common/crypto/data_key.h"

namespace tmk {
class ConfigSource;
}

namespace tmk::contacts {

struct ContactsConfig {
  // --contacts-data-keys (TM_CONTACTS_DATA_KEYS): "id:base64key,…" (32-byte keys). The first
  // seals new values, every one opens: rotate by putting a new key first and keeping the old.
  std::vector<crypto::DataKey> data_keys;
  // --contacts-index-key (TM_CONTACTS_INDEX_KEY): base64 of 32 bytes, the HMAC key of the blind
  // indexes. Never rotated in place: every index would have to be recomputed.
  std::string index_key;
  // --contacts-replica-regions (TM_CONTACTS_REPLICA_REGIONS): the regions whose customers this
  // region keeps replicas of (R5, R32), comma-separated; "*" (the default) for every other region,
  // "" for none (a region that only publishes).
  bool keep_replicas = true;
  std::set<std::string> replica_regions;  // empty while keep_replicas: every other region

  // Problems go to `settings`, named by setting, so the server stops with all of them at once.
  static ContactsConfig Read(ConfigSource& settings);
};

}  // namespace tmk::contacts
