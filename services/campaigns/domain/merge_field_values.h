#pragma once
// What a script's merge fields say for one customer (R9), as the agent may see it (R6): the
// customer's plain values turned into the texts an agent reads aloud, masked unless the campaign
// lists the field as visible, and absent when contacts withheld them from the caller.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tmk::campaigns {

// The customer as contacts returned it to the caller (telemarketing.contacts.v1.Customer), in
// plain values; enums keep the contract's numbers.
struct CustomerView {
  std::string display_name;
  int gender = 0;          // contacts.v1.Gender
  int birth_year = 0;      // 0 when unknown
  int marital_status = 0;  // contacts.v1.MaritalStatus
  std::string occupation;
  int income_band = 0;  // contacts.v1.IncomeBand
  int kind = 0;         // common.v1.CustomerKind
  std::string company_name;
  int vip_tier = 0;  // contacts.v1.VipTier
  std::string province_name;
  std::string city_name;
  std::string district_name;
  std::string mobile;  // the primary, else the first mobile, as contacts returned it
  std::string email;   // likewise
  std::map<std::string, std::string> custom_attributes;  // key -> value as text
  // Customer field paths ("display_name", "residence", "custom_attributes.plan",
  // "contact_points") contacts withheld from this caller. Values contacts masked arrive masked
  // and are shown as they are.
  std::vector<std::string> withheld_fields;
};

// Merge field path -> the text that replaces it.
using MergeValues = std::map<std::string, std::string, std::less<>>;

// What masked values read as: nothing of the value, not even its length.
inline constexpr char kMaskedValue[] = "***";

// The value of every merge field the customer has; fields without a value are absent. Fields
// masked by default are masked unless `visible` names them (Campaign.visible_customer_fields).
MergeValues MergeValuesFor(const CustomerView& customer, int current_year,
                           const std::set<std::string>& visible);

}  // namespace tmk::campaigns
