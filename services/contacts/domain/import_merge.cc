#include "services/contacts/domain/import_merge.h"

#include <set>

namespace tmk::contacts {
namespace {

// Fills `to` from `from` when `existing` is empty and `from` is not.
void FillText(const std::string& existing, const std::string& from, const char* path,
              std::string& to, std::vector<std::string>& paths) {
  if (existing.empty() && !from.empty()) {
    to = from;
    paths.emplace_back(path);
  }
}

}  // namespace

ImportMergePlan PlanImportMerge(const ImportedCustomer& existing, const ImportedCustomer& row) {
  ImportMergePlan plan;
  ImportedCustomer& f = plan.fills;
  std::vector<std::string>& paths = plan.paths;
  FillText(existing.gender, row.gender, "gender", f.gender, paths);
  if (existing.birth_year == 0 && row.birth_year != 0) {
    f.birth_year = row.birth_year;
    paths.emplace_back("birth_year");
  }
  FillText(existing.marital_status, row.marital_status, "marital_status", f.marital_status, paths);
  for (const auto& [field, value] : row.residence) {
    auto at = existing.residence.find(field);
    if ((at == existing.residence.end() || at->second.empty()) && !value.empty()) {
      f.residence[field] = value;
      paths.push_back("residence." + field);
    }
  }
  FillText(existing.occupation, row.occupation, "occupation", f.occupation, paths);
  FillText(existing.income_band, row.income_band, "income_band", f.income_band, paths);
  FillText(existing.company_name, row.company_name, "company_name", f.company_name, paths);
  FillText(existing.vip_tier, row.vip_tier, "vip_tier", f.vip_tier, paths);
  FillText(existing.external_id, row.external_id, "external_id", f.external_id, paths);
  if (existing.tags.empty() && !row.tags.empty()) {
    f.tags = row.tags;
    paths.emplace_back("tags");
  }
  std::set<std::string> keys;
  for (const auto& [key, value] : existing.attributes) keys.insert(key);
  for (const auto& [key, value] : row.attributes) {
    if (keys.insert(key).second) {
      f.attributes.emplace_back(key, value);
      paths.push_back("custom_attributes." + key);
    }
  }
  std::set<std::string> have;
  for (const NormalizedContact& n : existing.normalized) have.insert(n.normalized);
  for (size_t i = 0; i < row.normalized.size(); ++i) {
    if (have.insert(row.normalized[i].normalized).second) plan.new_points.push_back(i);
  }
  if (!plan.new_points.empty()) paths.emplace_back("contact_points");
  return plan;
}

}  // namespace tmk::contacts
