#include "services/contacts/api/customer_sharing.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <google/protobuf/reflection.h>

#include "services/contacts/domain/phone_number.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace {

constexpr char kContactPoints[] = "contact_points";
constexpr char kAttributes[] = "custom_attributes";

bool HasRuleUnder(const SharingPolicy& policy, const std::string& path) {
  for (const SharingRule& rule : policy.rules) {
    if (rule.field_path.size() > path.size() && rule.field_path.compare(0, path.size(), path) == 0 &&
        rule.field_path[path.size()] == '.') {
      return true;
    }
  }
  return false;
}

class Sharer {
 public:
  Sharer(const SharingPolicy& policy, const std::set<std::string>& personal, v1::Customer& out)
      : policy_(policy), personal_(personal), out_(out) {}

  // Applies the policy to every field of `message` (at `prefix`), recursing into messages that
  // rules look inside of.
  void Walk(Message* message, const std::string& prefix) {
    const auto* descriptor = message->GetDescriptor();
    const auto* reflection = message->GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      const std::string path = prefix + field->name();
      if (IsAlwaysShared(path)) continue;
      if (path == kContactPoints) {
        ContactPoints();
        continue;
      }
      if (path == kAttributes) {
        Attributes();
        continue;
      }
      SharingMode mode = policy_.ModeFor(path);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
          (HasRuleUnder(policy_, path) || mode == SharingMode::kMask)) {
        if (reflection->HasField(*message, field)) {
          Walk(reflection->MutableMessage(message, field), path + ".");
        } else {
          ListOnly(*field->message_type(), path + ".");
        }
        continue;
      }
      if (mode == SharingMode::kShare) continue;
      if (mode == SharingMode::kMask && field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
          !field->is_repeated()) {
        reflection->SetString(message, field, MaskText(reflection->GetString(*message, field)));
        out_.add_masked_fields(path);
        continue;
      }
      reflection->ClearField(message, field);  // withheld, or masked but not a string
      out_.add_withheld_fields(path);
    }
  }

 private:
  // Lists what the policy would mask or withhold in an unset message, so replicas know the
  // field is empty by policy rather than unknown.
  void ListOnly(const google::protobuf::Descriptor& type, const std::string& prefix) {
    for (int i = 0; i < type.field_count(); ++i) {
      const FieldDescriptor* field = type.field(i);
      const std::string path = prefix + field->name();
      SharingMode mode = policy_.ModeFor(path);
      if (mode == SharingMode::kMask && field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
          !field->is_repeated()) {
        out_.add_masked_fields(path);
      } else if (mode != SharingMode::kShare) {
        out_.add_withheld_fields(path);
      }
    }
  }

  void ContactPoints() {
    SharingMode mode = policy_.ModeFor(kContactPoints);
    if (mode == SharingMode::kShare) return;
    for (v1::ContactPoint& p : *out_.mutable_contact_points()) {
      if (mode == SharingMode::kMask) {
        const bool email = p.type() == v1::CONTACT_POINT_TYPE_EMAIL;
        std::string masked = email ? MaskEmail(p.normalized_value())
                                   : MaskPhone(p.normalized_value());
        p.set_value(masked);
        // Phones keep E.164's shape without the space, "+86138****8000", so that masking them
        // again for an agent (MaskPhone) yields the same "+86 138****8000".
        if (!email) masked.erase(std::remove(masked.begin(), masked.end(), ' '), masked.end());
        p.set_normalized_value(masked);
        p.set_masked(true);
      } else {  // ids, types and statuses stay: a replica must know a number is not callable
        p.clear_value();
        p.clear_normalized_value();
        p.clear_label();
        p.clear_source();
      }
    }
    (mode == SharingMode::kMask ? out_.add_masked_fields(kContactPoints)
                                : out_.add_withheld_fields(kContactPoints));
  }

  void Attributes() {
    auto& attributes = *out_.mutable_custom_attributes();
    std::vector<std::string> withheld;
    for (auto& [key, value] : attributes) {
      const std::string path = std::string(kAttributes) + "." + key;
      SharingMode mode = policy_.ModeFor(path, personal_.count(key) > 0);
      if (mode == SharingMode::kShare) continue;
      if (mode == SharingMode::kMask && value.has_string_value()) {
        value.set_string_value(MaskText(value.string_value()));
        out_.add_masked_fields(path);
        continue;
      }
      withheld.push_back(key);
      out_.add_withheld_fields(path);
    }
    for (const std::string& key : withheld) attributes.erase(key);
  }

  const SharingPolicy& policy_;
  const std::set<std::string>& personal_;
  v1::Customer& out_;
};

v1::SharingMode ModeProto(SharingMode mode) {
  switch (mode) {
    case SharingMode::kShare: return v1::SHARING_MODE_SHARE;
    case SharingMode::kMask: return v1::SHARING_MODE_MASK;
    case SharingMode::kWithhold: return v1::SHARING_MODE_WITHHOLD;
  }
  return v1::SHARING_MODE_UNSPECIFIED;
}

}  // namespace

v1::Customer ShareCustomer(const v1::Customer& customer, const SharingPolicy& policy,
                           const std::set<std::string>& personal_attributes) {
  v1::Customer shared = customer;
  shared.clear_masked_fields();
  shared.clear_withheld_fields();
  Sharer(policy, personal_attributes, shared).Walk(&shared, "");
  return shared;
}

void ToProto(const SharingPolicy& policy, v1::SharingPolicy& out) {
  out.clear_rules();
  for (const SharingRule& rule : policy.rules) {
    v1::FieldSharingRule* r = out.add_rules();
    r->set_field_path(rule.field_path);
    r->set_mode(ModeProto(rule.mode));
  }
  out.set_default_mode(ModeProto(policy.default_mode));
}

SharingMode FromProto(v1::SharingMode mode) {
  return mode == v1::SHARING_MODE_MASK       ? SharingMode::kMask
         : mode == v1::SHARING_MODE_WITHHOLD ? SharingMode::kWithhold
                                             : SharingMode::kShare;
}

}  // namespace tmk::contacts
