#include "services/contacts/store/identifier_cipher.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "services/contacts/domain/display_name.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

std::string AssociatedData(std::string_view column, std::string_view row_id) {
  std::string out;
  out.reserve(column.size() + 1 + row_id.size());
  out.append(column);
  out.push_back('/');
  out.append(row_id);
  return out;
}

std::string RowId(std::string_view parent, std::string_view child) {
  std::string out(parent);
  out.push_back('/');
  out.append(child);
  return out;
}

}  // namespace

std::string IdentifierCipher::Seal(std::string_view column, std::string_view row_id,
                                   const google::protobuf::MessageLite& message) const {
  return envelopes_.Seal(message.SerializeAsString(), AssociatedData(column, row_id));
}

void IdentifierCipher::Open(std::string_view column, std::string_view row_id,
                            std::string_view sealed, google::protobuf::MessageLite& message) const {
  absl::StatusOr<std::string> opened = envelopes_.Open(sealed, AssociatedData(column, row_id));
  if (!opened.ok()) {
    throw std::runtime_error(absl::StrCat(absl::string_view(column.data(), column.size()), " of ",
                                          absl::string_view(row_id.data(), row_id.size()), ": ",
                                          opened.status().message()));
  }
  if (!message.ParseFromString(*opened)) {
    throw std::runtime_error(absl::StrCat(absl::string_view(column.data(), column.size()), " of ",
                                          absl::string_view(row_id.data(), row_id.size()),
                                          " opens but does not parse"));
  }
}

std::string IdentifierCipher::SealCustomer(const v1::Customer& customer) const {
  if (customer.contact_points_size() == 0) {
    return Seal("customers.record", customer.customer_id(), customer);
  }
  v1::Customer record = customer;
  record.clear_contact_points();
  return Seal("customers.record", customer.customer_id(), record);
}

v1::Customer IdentifierCipher::OpenCustomer(std::string_view customer_id,
                                            std::string_view sealed) const {
  v1::Customer customer;
  Open("customers.record", customer_id, sealed, customer);
  return customer;
}

std::string IdentifierCipher::SealContactPoint(std::string_view customer_id,
                                               const v1::ContactPoint& point) const {
  v1::ContactPoint identifiers;
  identifiers.set_value(point.value());
  identifiers.set_normalized_value(point.normalized_value());
  identifiers.set_masked(point.masked());  // a replica's point as its owner shared it (R6)
  return Seal("contact_points.sealed_value", RowId(customer_id, point.contact_point_id()),
              identifiers);
}

void IdentifierCipher::OpenContactPoint(std::string_view customer_id, std::string_view sealed,
                                        v1::ContactPoint& point) const {
  v1::ContactPoint identifiers;
  Open("contact_points.sealed_value", RowId(customer_id, point.contact_point_id()), sealed,
       identifiers);
  point.set_value(identifiers.value());
  point.set_normalized_value(identifiers.normalized_value());
  if (identifiers.masked()) point.set_masked(true);
}

std::string IdentifierCipher::SealDncEntry(const v1::DncEntry& entry) const {
  return Seal("dnc_entries.record", entry.dnc_entry_id(), entry);
}

v1::DncEntry IdentifierCipher::OpenDncEntry(std::string_view dnc_entry_id,
                                            std::string_view sealed) const {
  v1::DncEntry entry;
  Open("dnc_entries.record", dnc_entry_id, sealed, entry);
  return entry;
}

std::string IdentifierCipher::SealProposal(const v1::UpdateProposal& proposal) const {
  return Seal("update_proposals.record", proposal.proposal_id(), proposal);
}

v1::UpdateProposal IdentifierCipher::OpenProposal(std::string_view proposal_id,
                                                  std::string_view sealed) const {
  v1::UpdateProposal proposal;
  Open("update_proposals.record", proposal_id, sealed, proposal);
  return proposal;
}

std::string IdentifierCipher::SealChangeValues(const v1::ProfileChange& change) const {
  v1::ProfileChange values;
  *values.mutable_old_value() = change.old_value();
  *values.mutable_new_value() = change.new_value();
  return Seal("profile_changes.sealed_values", RowId(change.customer_id(), change.change_id()),
              values);
}

void IdentifierCipher::OpenChangeValues(std::string_view sealed, v1::ProfileChange& change) const {
  v1::ProfileChange values;
  Open("profile_changes.sealed_values", RowId(change.customer_id(), change.change_id()), sealed,
       values);
  *change.mutable_old_value() = std::move(*values.mutable_old_value());
  *change.mutable_new_value() = std::move(*values.mutable_new_value());
}

std::string IdentifierCipher::ContactIndex(std::string_view normalized_value) const {
  if (normalized_value.empty()) return "";
  return index_.Compute("contact", normalized_value);
}

std::string IdentifierCipher::NameIndex(std::string_view display_name) const {
  return index_.Compute("display_name", NormalizeDisplayName(display_name));
}

}  // namespace tmk::contacts
