#pragma once
// Contact-point normalisation (R2): every phone is stored and matched in E.164, so the same
// number typed as "138 1234 5678", "+86-13812345678" or "0086 13812345678" is one number for list
// screening, DNC and dedupe.
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tmk::contacts {

enum class ContactKind { kUnspecified, kMobile, kFixedLine, kEmail };

struct NormalizedContact {
  ContactKind kind = ContactKind::kUnspecified;
  std::string normalized;  // E.164 for phones ("+8613812345678"), lower-cased domain for e-mail
};

// Chinese mobiles (1[3-9]x, 11 digits) and fixed lines with their area code (010/02x + 8 digits,
// 0xxx + 7-8 digits), with or without +86/0086/86 and common separators; other countries in
// E.164 with a leading '+'. `declared` (if not unspecified) must match what the number is.
// Errors are INVALID_ARGUMENT with a human-readable reason.
absl::StatusOr<NormalizedContact> NormalizePhone(std::string_view raw, ContactKind declared);

absl::StatusOr<NormalizedContact> NormalizeEmail(std::string_view raw);

// What an agent sees when the role does not need the full number (R6): "+86 138****5678".
std::string MaskPhone(std::string_view e164);

}  // namespace tmk::contacts
