#include "services/contacts/contacts_config.h"

#include "services/common/config/config_source.h"
#include "services/common/server/server_config.h"

namespace tmk::contacts {
namespace {

constexpr char kDataKeys[] = "contacts-data-keys";
constexpr char kIndexKey[] = "contacts-index-key";
constexpr char kReplicaRegions[] = "contacts-replica-regions";

}  // namespace

ContactsConfig ContactsConfig::Read(ConfigSource& settings) {
  ContactsConfig config;
  std::string data_keys = settings.String(kDataKeys, "");
  if (data_keys.empty()) {
    settings.AddError(kDataKeys,
                      "required when contacts is hosted: id:base64key,... with 32-byte keys, the "
                      "first one sealing (e.g. k1:$(openssl rand -base64 32))");
  } else if (absl::StatusOr<std::vector<crypto::DataKey>> keys = crypto::ParseDataKeys(data_keys);
             keys.ok()) {
    config.data_keys = *std::move(keys);
  } else {
    settings.AddError(kDataKeys, std::string(keys.status().message()));
  }
  std::string index_key = settings.String(kIndexKey, "");
  if (index_key.empty()) {
    settings.AddError(kIndexKey,
                      "required when contacts is hosted: base64 of 32 random bytes (e.g. "
                      "$(openssl rand -base64 32)), kept apart from the data keys");
  } else if (absl::StatusOr<std::string> key = crypto::ParseKeyBytes(index_key); key.ok()) {
    config.index_key = *std::move(key);
  } else {
    settings.AddError(kIndexKey, std::string(key.status().message()));
  }
  for (const crypto::DataKey& key : config.data_keys) {
    if (!config.index_key.empty() && key.bytes == config.index_key) {
      settings.AddError(kIndexKey, "must differ from every data key");
    }
  }
  const std::vector<std::string> replicated = settings.List(kReplicaRegions, "*");
  config.keep_replicas = !replicated.empty();
  for (const std::string& region : replicated) {
    if (region == "*") continue;
    if (server::IsValidRegion(region)) {
      config.replica_regions.insert(region);
    } else {
      settings.AddError(kReplicaRegions, "region ids (1-32 of a-z, 0-9, '-') separated by commas, "
                                         "* for every region, or empty for none");
    }
  }
  return config;
}

}  // namespace tmk::contacts
