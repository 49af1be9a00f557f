#pragma once
// The rules a new customer record must satisfy (R1, R2), as plain data and one function: the gRPC
// layer maps the request into a NewCustomer, and everything it answers comes from here.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contacts/domain/phone_number.h"

namespace tmk::contacts {

struct NewCustomer {
  std::string customer_id;  // must be empty: ids are assigned by the owning region
  std::string region_id;    // empty or this region: a region creates only its own customers (R32)
  std::string display_name;
  enum class Kind { kUnspecified, kB2c, kB2b } kind = Kind::kUnspecified;
  std::string company_name;
  int birth_year = 0;  // 0 = unknown
  std::vector<std::string> tags;
  std::vector<std::string> attribute_keys;
  struct Point {
    ContactKind kind = ContactKind::kUnspecified;
    std::string value;
  };
  std::vector<Point> contact_points;
};

struct Limits {
  static constexpr size_t kMaxNameLength = 200;
  static constexpr size_t kMaxTags = 50;
  static constexpr size_t kMaxTagLength = 64;
  static constexpr size_t kMaxAttributes = 100;
  static constexpr size_t kMaxContactPoints = 20;
  static constexpr int kMaxAgeYears = 120;
};

// The profile rules every stored customer satisfies, whether created or updated (R1, R2): name,
// kind/company, birth year, tags, attribute keys, contact points. Every violation at once, with
// request field paths ("customer.contact_points[1].value"); on success the normalised contact
// points, in request order. customer_id and region_id are not judged here.
absl::StatusOr<std::vector<NormalizedContact>> ValidateCustomerProfile(const NewCustomer& customer,
                                                                       int current_year);

// The profile rules plus those of creation: no client-chosen id, and only this region's customers.
absl::StatusOr<std::vector<NormalizedContact>> ValidateNewCustomer(const NewCustomer& customer,
                                                                   const std::string& this_region,
                                                                   int current_year);

}  // namespace tmk::contacts
