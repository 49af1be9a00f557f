#pragma once
// The one way contacts announces a customer's current state (R5, R32): a CustomerSnapshot on the
// compacted tm.contacts.v1, keyed by customer id. Creates, updates, imports, proposals applied and
// sharing-policy changes all publish through it, so what leaves the region is built in one place,
// and always as the region's sharing policy shares it (R6): withheld values never leave, masked
// ones leave masked.
//
// Besides the shared customer a snapshot carries:
// - field_hlc: the HLC of each shared field's current value (the latest recorded change, else
//   when the customer was created), which owners compare proposals against.
// - phone_lookup_keys: each shared or masked phone's blind index (hex HMAC-SHA-256 of its E.164
//   form under --contacts-index-key), so other regions find the replica by number. Regions that
//   want to find each other's customers by phone therefore configure the same index key; one that
//   does not simply finds no replica by number. The key never travels; the index reveals a number
//   only to someone holding the key, who can test candidate numbers (so the topic is for the
//   suite's own regions, not for integrators at large).
//
// What still travels in clear: every field the policy shares (by default all but name, phones
// and e-mail addresses, street address, postal code, external id and personal custom attributes),
// the masked forms, and the lookup keys.
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/common/events/outbound_event.h"
#include "services/contacts/domain/sharing_policy.h"
#include "services/contacts/domain/update_proposal_rules.h"
#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

inline constexpr char kCustomerSnapshotTopic[] = "tm.contacts.v1";

// The region's sharing as of a transaction: read once per transaction, or per batch of an import.
struct SnapshotSharing {
  SharingPolicy policy;
  HlcTimestamp policy_hlc;                      // snapshots are stamped no earlier than this
  std::set<std::string> personal_attributes;   // custom attribute keys defined personal

  // The stored policy, or the default one.
  static SnapshotSharing Load(pqxx::transaction_base& tx);
};

// The snapshot of `customer` as `sharing` shares it. `changes` is the HLC of each field's latest
// recorded change (empty for a new customer); `lookup_keys` the hex blind index of each phone by
// contact_point_id.
events::OutboundEvent CustomerSnapshotEvent(const telemarketing::contacts::v1::Customer& customer,
                                            const SnapshotSharing& sharing,
                                            const FieldClocks& changes,
                                            const std::map<std::string, std::string>& lookup_keys,
                                            std::string_view region, const Clock& clock);

// A new customer's snapshot before its rows are written (imports): no changes yet, the lookup
// keys computed with `cipher`.
events::OutboundEvent NewCustomerSnapshotEvent(
    const telemarketing::contacts::v1::Customer& customer, const SnapshotSharing& sharing,
    const IdentifierCipher& cipher, std::string_view region, const Clock& clock);

// One owned customer's snapshot, after its rows are written in `tx`: loads the policy, the
// customer's field changes and its lookup keys there.
events::OutboundEvent CustomerSnapshotEvent(pqxx::work& tx,
                                            const telemarketing::contacts::v1::Customer& customer,
                                            std::string_view region, const Clock& clock);

// The last snapshot of an erased customer (R6 right to deletion): `deleted`, no personal data,
// stamped `erased_at` so it orders after every earlier snapshot; replicas and projections erase
// the customer. It stays the key's latest value after compaction, so a region that starts
// reading later never sees the customer at all.
events::OutboundEvent CustomerErasedEvent(const std::string& customer_id, std::string_view region,
                                          HlcTimestamp erased_at, const Clock& clock);

}  // namespace tmk::contacts
