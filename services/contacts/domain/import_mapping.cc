#include "services/contacts/domain/import_mapping.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/core/status_details.h"

namespace tmk::contacts {
namespace {

constexpr char kAttributePrefix[] = "custom_attributes.";
constexpr size_t kMaxCellBytes = 1024;

const std::set<std::string>& ScalarTargets() {
  static const std::set<std::string> targets{
      "display_name", "gender", "birth_year", "marital_status", "residence.province_code",
      "residence.province_name", "residence.city_code", "residence.city_name",
      "residence.district_code", "residence.district_name", "residence.street_address",
      "residence.postal_code", "occupation", "income_band", "kind", "company_name", "vip_tier",
      "external_id", "tags"};
  return targets;
}

bool IsContactTarget(const std::string& t) {
  return t == "contact_points.mobile" || t == "contact_points.fixed_line" ||
         t == "contact_points.email";
}

struct EnumTable {
  std::string prefix;
  std::vector<std::string> suffixes;
  std::vector<std::pair<std::string, std::string>> labels;  // label -> suffix
};

const std::map<std::string, EnumTable>& EnumTables() {
  static const std::map<std::string, EnumTable> tables{
      {"gender", {"GENDER_", {"FEMALE", "MALE"}, {{"女", "FEMALE"}, {"男", "MALE"}}}},
      {"marital_status",
       {"MARITAL_STATUS_",
        {"SINGLE", "MARRIED", "DIVORCED", "WIDOWED"},
        {{"未婚", "SINGLE"}, {"单身", "SINGLE"}, {"已婚", "MARRIED"}, {"离异", "DIVORCED"},
         {"离婚", "DIVORCED"}, {"丧偶", "WIDOWED"}}}},
      {"income_band",
       {"INCOME_BAND_",
        {"LOW", "LOWER_MIDDLE", "MIDDLE", "UPPER_MIDDLE", "HIGH", "VERY_HIGH"},
        {{"低", "LOW"}, {"中低", "LOWER_MIDDLE"}, {"中", "MIDDLE"}, {"中高", "UPPER_MIDDLE"},
         {"高", "HIGH"}, {"很高", "VERY_HIGH"}}}},
      {"kind",
       {"CUSTOMER_KIND_", {"B2C", "B2B"}, {{"个人", "B2C"}, {"企业", "B2B"}, {"公司", "B2B"}}}},
      {"vip_tier",
       {"VIP_TIER_",
        {"NONE", "SILVER", "GOLD", "PLATINUM", "DIAMOND"},
        {{"无", "NONE"}, {"普通", "NONE"}, {"银卡", "SILVER"}, {"金卡", "GOLD"},
         {"白金", "PLATINUM"}, {"钻石", "DIAMOND"}}}},
  };
  return tables;
}

std::vector<std::string> SplitList(const std::string& cell) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(cell, ';')) {
    std::string item(absl::StripAsciiWhitespace(part));
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

ImportRowReason ReasonOf(const std::string& message) {
  if (message == "required" || absl::StartsWith(message, "required")) {
    return ImportRowReason::kMissingValue;
  }
  if (absl::StrContains(message, "bytes")) return ImportRowReason::kTooLong;
  return ImportRowReason::kInvalidValue;
}

}  // namespace

std::string ParseEnumLabel(const std::string& field, const std::string& cell) {
  auto table = EnumTables().find(field);
  if (table == EnumTables().end()) return "";
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(cell));
  absl::string_view suffix = upper;
  absl::ConsumePrefix(&suffix, table->second.prefix);
  for (const std::string& s : table->second.suffixes) {
    if (suffix == s) return s;
  }
  std::string trimmed(absl::StripAsciiWhitespace(cell));
  for (const auto& [label, s] : table->second.labels) {
    if (trimmed == label) return s;
  }
  return "";
}

std::vector<std::string> ImportMapping::AttributeKeys(
    const std::vector<std::pair<std::string, std::string>>& mapping) {
  std::vector<std::string> keys;
  for (const auto& [column, target] : mapping) {
    if (absl::StartsWith(target, kAttributePrefix)) {
      keys.push_back(target.substr(sizeof(kAttributePrefix) - 1));
    }
  }
  return keys;
}

absl::StatusOr<ImportMapping> ImportMapping::Compile(
    const std::vector<std::string>& columns,
    const std::vector<std::pair<std::string, std::string>>& mapping,
    const std::map<std::string, AttributeDefinition>& attributes) {
  Violations v;
  ImportMapping out;
  out.columns_ = columns;
  out.targets_.assign(columns.size(), "");
  if (columns.empty()) v.Add("spec.columns", "required: the CSV header");
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!index.emplace(columns[i], i).second) {
      v.Add(absl::StrCat("spec.columns[", i, "]"), absl::StrCat("duplicate column '", columns[i], "'"));
    }
  }
  std::set<std::string> used;
  // Sorted by column so that the violations come in a stable order (protobuf maps have none).
  std::vector<std::pair<std::string, std::string>> sorted = mapping;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [column, target] : sorted) {
    std::string field = absl::StrCat("spec.column_mapping[", column, "]");
    auto at = index.find(column);
    if (at == index.end()) {
      v.Add(field, "no such column in spec.columns");
      continue;
    }
    bool attribute = absl::StartsWith(target, kAttributePrefix) &&
                     target.size() > sizeof(kAttributePrefix) - 1;
    if (!ScalarTargets().count(target) && !IsContactTarget(target) && !attribute) {
      v.Add(field, absl::StrCat("unknown target '", target, "'"));
      continue;
    }
    if (!IsContactTarget(target) && !used.insert(target).second) {
      v.Add(field, absl::StrCat("target '", target, "' is mapped from two columns"));
      continue;
    }
    if (attribute) {
      std::string key = target.substr(sizeof(kAttributePrefix) - 1);
      auto definition = attributes.find(key);
      if (definition == attributes.end()) {
        v.Add(field, absl::StrCat("unknown custom attribute '", key,
                                  "': define it first (CreateAttributeDefinition)"));
        continue;
      }
      out.attributes_.insert(*definition);
    }
    out.targets_[at->second] = target;
  }
  bool has_contact = false;
  for (const std::string& t : out.targets_) has_contact |= IsContactTarget(t);
  if (!used.count("display_name")) v.Add("spec.column_mapping", "no column maps to display_name");
  if (!has_contact) v.Add("spec.column_mapping", "no column maps to a contact point");
  if (!v.empty()) return v.ToStatus("invalid import spec");
  for (size_t i = 0; i < columns.size(); ++i) {
    if (out.targets_[i].empty()) out.ignored_.push_back(columns[i]);
  }
  return out;
}

absl::StatusOr<ImportedCustomer> ImportMapping::Convert(const std::vector<std::string>& values,
                                                        const std::string& this_region,
                                                        int current_year,
                                                        std::vector<ImportRowIssue>& issues) const {
  issues.clear();
  if (values.size() != targets_.size()) {
    issues.push_back({"", "", ImportRowReason::kColumnCount,
                      absl::StrCat("the row has ", values.size(), " values; the header has ",
                                   targets_.size(), " columns")});
    return absl::InvalidArgumentError(issues.back().message);
  }
  ImportedCustomer c;
  std::map<std::string, std::string> column_of;  // target -> column, for validation paths
  std::vector<std::string> point_columns;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string& target = targets_[i];
    if (target.empty()) continue;
    const std::string& column = columns_[i];
    std::string cell(absl::StripAsciiWhitespace(values[i]));
    column_of[target] = column;
    if (cell.size() > kMaxCellBytes) {
      issues.push_back({column, target, ImportRowReason::kTooLong,
                        absl::StrCat("at most ", kMaxCellBytes, " bytes")});
      continue;
    }
    if (IsContactTarget(target)) {
      ContactKind kind = target == "contact_points.mobile"       ? ContactKind::kMobile
                         : target == "contact_points.fixed_line" ? ContactKind::kFixedLine
                                                                 : ContactKind::kEmail;
      for (std::string& value : SplitList(cell)) {
        c.contact_points.push_back({kind, std::move(value)});
        point_columns.push_back(column);
      }
    } else if (cell.empty()) {
      continue;  // an empty cell leaves the field unset
    } else if (target == "display_name") {
      c.display_name = cell;
    } else if (EnumTables().count(target)) {
      std::string suffix = ParseEnumLabel(target, cell);
      if (suffix.empty()) {
        issues.push_back({column, target, ImportRowReason::kInvalidValue,
                          absl::StrCat("'", cell, "' is not a ", target, " value")});
        continue;
      }
      if (target == "gender") c.gender = suffix;
      if (target == "marital_status") c.marital_status = suffix;
      if (target == "income_band") c.income_band = suffix;
      if (target == "kind") c.kind = suffix;
      if (target == "vip_tier") c.vip_tier = suffix;
    } else if (target == "birth_year") {
      if (!absl::SimpleAtoi(cell, &c.birth_year)) {
        issues.push_back({column, target, ImportRowReason::kInvalidValue,
                          absl::StrCat("'", cell, "' is not a year")});
      }
    } else if (absl::StartsWith(target, "residence.")) {
      c.residence[target.substr(sizeof("residence.") - 1)] = cell;
    } else if (target == "occupation") {
      c.occupation = cell;
    } else if (target == "company_name") {
      c.company_name = cell;
    } else if (target == "external_id") {
      c.external_id = cell;
    } else if (target == "tags") {
      c.tags = SplitList(cell);
    } else if (absl::StartsWith(target, kAttributePrefix)) {
      std::string key = target.substr(sizeof(kAttributePrefix) - 1);
      absl::StatusOr<AttributeCell> value = ParseAttributeCell(attributes_.at(key), cell);
      if (value.ok()) {
        c.attributes.emplace_back(std::move(key), *std::move(value));
      } else {
        issues.push_back({column, target, ImportRowReason::kInvalidValue,
                          std::string(value.status().message())});
      }
    }
  }
  if (c.kind.empty()) c.kind = "B2C";
  if (c.contact_points.empty()) {
    issues.push_back({"", "contact_points", ImportRowReason::kMissingValue,
                      "the row has no phone number or e-mail address"});
  }

  NewCustomer rules;
  rules.display_name = c.display_name;
  rules.kind = c.kind == "B2B" ? NewCustomer::Kind::kB2b : NewCustomer::Kind::kB2c;
  rules.company_name = c.company_name;
  rules.birth_year = c.birth_year;
  rules.tags = c.tags;
  for (const auto& [key, value] : c.attributes) rules.attribute_keys.push_back(key);
  rules.contact_points = c.contact_points;
  absl::StatusOr<std::vector<NormalizedContact>> normalized =
      ValidateNewCustomer(rules, this_region, current_year);
  if (!normalized.ok()) {
    for (const FieldViolation& violation : FieldViolationsOf(normalized.status())) {
      // Field paths are "customer.<field>[...]"; find the column the field came from.
      absl::string_view path = violation.field;
      absl::ConsumePrefix(&path, "customer.");
      ImportRowIssue issue;
      issue.message = violation.description;
      issue.reason = ReasonOf(violation.description);
      if (absl::ConsumePrefix(&path, "contact_points[")) {
        size_t at = 0;
        absl::SimpleAtoi(path.substr(0, path.find(']')), &at);
        if (at < c.contact_points.size()) {
          issue.column = point_columns[at];
          issue.field_path = targets_[std::find(columns_.begin(), columns_.end(), issue.column) -
                                      columns_.begin()];
          issue.reason = c.contact_points[at].kind == ContactKind::kEmail
                             ? ImportRowReason::kMalformedEmail
                             : ImportRowReason::kMalformedPhone;
          // Not quoting the value: row errors are stored, and phones are identifiers (R6).
          issue.message = violation.description;
        }
      } else {
        std::string field(path.substr(0, path.find('[')));
        if (field == "custom_attributes") field = "custom_attributes.";
        issue.field_path = field;
        for (const auto& [target, column] : column_of) {
          if (target == field || (absl::EndsWith(field, ".") && absl::StartsWith(target, field))) {
            issue.column = column;
            break;
          }
        }
      }
      issues.push_back(std::move(issue));
    }
  } else {
    c.normalized = *std::move(normalized);
  }
  if (!issues.empty()) return absl::InvalidArgumentError(issues.front().message);
  return c;
}

}  // namespace tmk::contacts
