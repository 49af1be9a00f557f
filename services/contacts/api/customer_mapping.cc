#include "services/contacts/api/customer_mapping.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/field_mask_util.h>
#include <google/protobuf/util/json_util.h>

#include <ctime>
#include <stdexcept>

#include "absl/strings/str_split.h"
#include "services/common/auth/authorization.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;

ContactKind ToContactKind(v1::ContactPointType type) {
  switch (type) {
    case v1::CONTACT_POINT_TYPE_MOBILE: return ContactKind::kMobile;
    case v1::CONTACT_POINT_TYPE_FIXED_LINE: return ContactKind::kFixedLine;
    case v1::CONTACT_POINT_TYPE_EMAIL: return ContactKind::kEmail;
    default: return ContactKind::kUnspecified;
  }
}

v1::ContactPointType ToProto(ContactKind kind) {
  switch (kind) {
    case ContactKind::kMobile: return v1::CONTACT_POINT_TYPE_MOBILE;
    case ContactKind::kFixedLine: return v1::CONTACT_POINT_TYPE_FIXED_LINE;
    case ContactKind::kEmail: return v1::CONTACT_POINT_TYPE_EMAIL;
    case ContactKind::kUnspecified: break;
  }
  return v1::CONTACT_POINT_TYPE_UNSPECIFIED;
}

NewCustomer ToNewCustomer(const v1::Customer& c) {
  NewCustomer n;
  n.customer_id = c.customer_id();
  n.region_id = c.region_id();
  n.display_name = c.display_name();
  n.kind = c.kind() == common::CUSTOMER_KIND_B2C   ? NewCustomer::Kind::kB2c
           : c.kind() == common::CUSTOMER_KIND_B2B ? NewCustomer::Kind::kB2b
                                               : NewCustomer::Kind::kUnspecified;
  n.company_name = c.company_name();
  n.birth_year = c.birth_year();
  n.tags.assign(c.tags().begin(), c.tags().end());
  for (const auto& [key, value] : c.custom_attributes()) n.attribute_keys.push_back(key);
  for (const v1::ContactPoint& p : c.contact_points()) {
    n.contact_points.push_back({ToContactKind(p.type()), p.value()});
  }
  return n;
}

bool SeesFullNumbers(const auth::Principal& who) {
  return auth::HasAnyRole(who, {auth::Role::kSupervisor, auth::Role::kAdmin, auth::Role::kIntegrator});
}

int CurrentYear(const Clock& clock) {
  std::time_t now = std::chrono::system_clock::to_time_t(clock.Now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

void MaskContactPoints(v1::Customer& customer) {
  for (v1::ContactPoint& p : *customer.mutable_contact_points()) MaskContactPoint(p);
}

void MaskContactPoint(v1::ContactPoint& p) {
  if (p.type() == v1::CONTACT_POINT_TYPE_EMAIL) return;
  std::string masked = MaskPhone(p.normalized_value());
  p.set_value(masked);
  p.set_normalized_value(masked);
  p.set_masked(true);
}

namespace {

constexpr char kAttributePrefix[] = "custom_attributes.";

// The masked form of one rendered contact point (a JSON object), unless it is an e-mail.
void MaskPointValue(google::protobuf::Value& point) {
  if (!point.has_struct_value()) return;
  auto& fields = *point.mutable_struct_value()->mutable_fields();
  auto type = fields.find("type");
  if (type != fields.end() && type->second.string_value() == "CONTACT_POINT_TYPE_EMAIL") return;
  for (const char* name : {"value", "normalized_value"}) {
    auto it = fields.find(name);
    if (it != fields.end() && !it->second.string_value().empty()) {
      it->second.set_string_value(MaskPhone(it->second.string_value()));
    }
  }
  fields["masked"].set_bool_value(true);
}

void MaskChangeValue(google::protobuf::Value& value) {
  if (value.has_list_value()) {
    for (auto& point : *value.mutable_list_value()->mutable_values()) MaskPointValue(point);
  } else {
    MaskPointValue(value);
  }
}

// JSON text with object keys sorted: protobuf map order is not stable, and history compares texts.
std::string CanonicalJson(const google::protobuf::Value& value) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kStructValue: {
      std::map<std::string, const google::protobuf::Value*> sorted;
      for (const auto& [key, member] : value.struct_value().fields()) sorted[key] = &member;
      std::string out = "{";
      for (const auto& [key, member] : sorted) {
        google::protobuf::Value name;
        name.set_string_value(key);
        if (out.size() > 1) out += ',';
        out += CanonicalJson(name) + ":" + CanonicalJson(*member);
      }
      return out + "}";
    }
    case google::protobuf::Value::kListValue: {
      std::string out = "[";
      for (const auto& item : value.list_value().values()) {
        if (out.size() > 1) out += ',';
        out += CanonicalJson(item);
      }
      return out + "]";
    }
    default: {
      std::string out;
      if (!google::protobuf::util::MessageToJsonString(value, &out).ok()) {
        throw std::logic_error("a customer field does not render as JSON");
      }
      return out;
    }
  }
}

}  // namespace

void MaskProfileChange(v1::ProfileChange& change) {
  if (change.field_path().rfind("contact_points", 0) != 0) return;
  MaskChangeValue(*change.mutable_old_value());
  MaskChangeValue(*change.mutable_new_value());
}

void ApplyUpdateMask(const v1::Customer& patch, const std::vector<std::string>& paths,
                     v1::Customer& target) {
  google::protobuf::FieldMask mask;
  for (const std::string& path : paths) {
    if (path.rfind(kAttributePrefix, 0) == 0) {
      std::string key = path.substr(sizeof(kAttributePrefix) - 1);
      auto it = patch.custom_attributes().find(key);
      if (it == patch.custom_attributes().end()) {
        target.mutable_custom_attributes()->erase(key);
      } else {
        (*target.mutable_custom_attributes())[key] = it->second;
      }
      continue;
    }
    mask.add_paths(path);
  }
  google::protobuf::util::FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(patch, mask, options, &target);
}

namespace {

// The proto3 JSON mapping of `message` (field names as in the proto, defaults printed).
google::protobuf::Struct Rendered(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions print;
  print.always_print_primitive_fields = true;
  print.preserve_proto_field_names = true;
  std::string json;
  google::protobuf::Struct root;
  if (!google::protobuf::util::MessageToJsonString(message, &json, print).ok() ||
      !google::protobuf::util::JsonStringToMessage(json, &root).ok()) {
    throw std::logic_error("a customer does not render as JSON");
  }
  return root;
}

}  // namespace

std::string RenderContactPoint(const v1::ContactPoint* point) {
  if (point == nullptr) return "null";
  google::protobuf::Value value;
  *value.mutable_struct_value() = Rendered(*point);
  return CanonicalJson(value);
}

std::string RenderContactPointField(const v1::ContactPoint& point, const std::string& field) {
  google::protobuf::Struct root = Rendered(point);
  auto it = root.fields().find(field);
  return it == root.fields().end() ? "null" : CanonicalJson(it->second);
}

std::map<std::string, std::string> RenderPaths(const v1::Customer& customer,
                                               const std::vector<std::string>& paths) {
  google::protobuf::Struct root = Rendered(customer);
  std::map<std::string, std::string> out;
  for (const std::string& path : paths) {
    const google::protobuf::Struct* at = &root;
    const google::protobuf::Value* value = nullptr;
    // Attribute keys may not contain '.', so splitting on it is exact.
    for (absl::string_view part : absl::StrSplit(path, '.')) {
      if (at == nullptr) {
        value = nullptr;
        break;
      }
      auto it = at->fields().find(std::string(part));
      if (it == at->fields().end()) {
        value = nullptr;
        break;
      }
      value = &it->second;
      at = value->has_struct_value() ? &value->struct_value() : nullptr;
    }
    out[path] = value == nullptr ? "null" : CanonicalJson(*value);
  }
  return out;
}

}  // namespace tmk::contacts
