#pragma once
// The merge fields a script may use (R9), drawn from what a telemarketing.contacts.v1.Customer
// carries, and whether each is masked for agents unless a campaign makes it visible (R6 data
// minimisation: agents see what the campaign needs). Validation refuses any other path.
#include <string>
#include <string_view>
#include <vector>

namespace tmk::campaigns {

struct MergeFieldSpec {
  std::string path;  // e.g. "customer.vip_tier"; the custom-attribute entry is a pattern
  std::string description;
  std::string example;
  bool masked_by_default = false;
};

// Custom attributes (R1) are addressed by their AttributeDefinition key after this prefix, e.g.
// "customer.custom_attributes.monthly_bill"; contacts decides which keys exist.
inline constexpr std::string_view kCustomAttributePrefix = "customer.custom_attributes.";

// Every merge field, in the order ListMergeFields shows them.
const std::vector<MergeFieldSpec>& MergeFieldCatalog();

// The entry that governs `path`, or nullptr when scripts may not use it.
const MergeFieldSpec* FindMergeField(std::string_view path);

}  // namespace tmk::campaigns
