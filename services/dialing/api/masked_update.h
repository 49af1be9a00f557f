#pragma once
// Updates by field mask (AIP-134) for dialing's resources: the mask must name at least one field
// and only editable ones, and the named fields replace the stored ones (lists whole).
#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/util/field_mask_util.h>

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {

inline void CheckUpdateMask(const google::protobuf::FieldMask& mask,
                            const std::set<std::string>& editable, Violations& v) {
  if (mask.paths().empty()) v.Add("update_mask", "name the fields to change");
  for (int i = 0; i < mask.paths_size(); ++i) {
    if (editable.count(mask.paths(i)) == 0) {
      v.Add(absl::StrCat("update_mask.paths[", i, "]"),
            absl::StrCat("'", mask.paths(i).substr(0, 64), "' cannot be changed"));
    }
  }
}

template <typename Message>
void MergeMasked(const Message& from, const google::protobuf::FieldMask& mask, Message& into) {
  google::protobuf::util::FieldMaskUtil::MergeOptions replace;
  replace.set_replace_message_fields(true);
  replace.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(from, mask, replace, &into);
}

}  // namespace tmk::dialing
