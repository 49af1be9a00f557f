#pragma once
// Direct identifiers of contacts at rest (R6): every store seals and opens them here, bound to
// their row and column, and finds them by exact value through keyed blind indexes. No other code
// sees an envelope, a key or an index function.
//
// Sealed (AES-256-GCM, services/common/crypto/envelope_cipher.h):
// - customers.record: the whole Customer (contact points excluded). Sealing the record rather than
//   picking fields out of it fails safe: display_name, residence.street_address, personal custom
//   attributes and any identifier a later version adds are covered. The clear columns beside it
//   are the targeting attributes segment filters read (R8): gender, birth year, marital status,
//   income band, residence codes, occupation, VIP tier, kind, tags, custom attributes, plus
//   company_name (a company, not a person) and external_id (a pseudonym meaningful only inside
//   the customer's CRM).
// - contact_points.sealed_value: value and normalized_value (phones and e-mail addresses).
// - dnc_entries.record: the whole DncEntry, whose phone_number is an identifier.
// - profile_changes.sealed_values: the old and new values of every change (R3), since those of
//   display_name, residence and contact_points are identifiers.
// - update_proposals.record: the whole UpdateProposal, whose patch holds names and numbers (R32).
//
// Indexed (HMAC-SHA-256, services/common/crypto/blind_index.h): contact points and DNC numbers by
// their normalised value in one shared index, so a number blocked on the DNC list matches every
// contact point with it; customers by their normalised display name (exact search only).
#include <string>
#include <string_view>
#include <vector>

#include "services/common/crypto/blind_index.h"
#include "services/common/crypto/envelope_cipher.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/dnc.pb.h"
#include "telemarketing/contacts/v1/history.pb.h"
#include "telemarketing/contacts/v1/proposal.pb.h"

namespace tmk::contacts {

class IdentifierCipher {
 public:
  // data_keys[0] seals, all open (rotation); index_key: 32 bytes.
  IdentifierCipher(std::vector<crypto::DataKey> data_keys, std::string index_key)
      : envelopes_(std::move(data_keys)), index_(std::move(index_key)) {}

  // Each value is bound to its table, column and row (the associated data), so one copied to
  // another row or column does not open. A value that does not open is a broken invariant (a
  // changed row, or a key removed from the settings while data still needs it): Open… throws
  // std::runtime_error, never returns garbage.

  // customers.record: the customer without its contact points.
  std::string SealCustomer(const telemarketing::contacts::v1::Customer& customer) const;
  telemarketing::contacts::v1::Customer OpenCustomer(std::string_view customer_id,
                                                     std::string_view sealed) const;
  // contact_points.sealed_value: the point's value and normalized_value (its id must be set),
  // and whether they are masked (a replica's, as its owner shared them).
  std::string SealContactPoint(std::string_view customer_id,
                               const telemarketing::contacts::v1::ContactPoint& point) const;
  // Sets value and normalized_value of `point`, whose contact_point_id is set.
  void OpenContactPoint(std::string_view customer_id, std::string_view sealed,
                        telemarketing::contacts::v1::ContactPoint& point) const;
  // dnc_entries.record.
  std::string SealDncEntry(const telemarketing::contacts::v1::DncEntry& entry) const;
  telemarketing::contacts::v1::DncEntry OpenDncEntry(std::string_view dnc_entry_id,
                                                     std::string_view sealed) const;
  // profile_changes.sealed_values: old_value and new_value.
  std::string SealChangeValues(const telemarketing::contacts::v1::ProfileChange& change) const;
  // Sets old_value and new_value of `change`, whose customer_id and change_id are set.
  void OpenChangeValues(std::string_view sealed,
                        telemarketing::contacts::v1::ProfileChange& change) const;

  // update_proposals.record.
  std::string SealProposal(const telemarketing::contacts::v1::UpdateProposal& proposal) const;
  telemarketing::contacts::v1::UpdateProposal OpenProposal(std::string_view proposal_id,
                                                           std::string_view sealed) const;

  // The index of a normalised contact value: E.164 phone number or lower-cased e-mail address;
  // "" for "" (no number: a DNC entry naming only a customer).
  std::string ContactIndex(std::string_view normalized_value) const;
  // The index of a display name, after NormalizeDisplayName.
  std::string NameIndex(std::string_view display_name) const;

 private:
  std::string Seal(std::string_view column, std::string_view row_id,
                   const google::protobuf::MessageLite& message) const;
  void Open(std::string_view column, std::string_view row_id, std::string_view sealed,
            google::protobuf::MessageLite& message) const;

  crypto::EnvelopeCipher envelopes_;
  crypto::BlindIndex index_;
};

}  // namespace tmk::contacts
