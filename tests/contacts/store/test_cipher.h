#pragma once
// The contacts stores' IdentifierCipher with fixed test keys (R6), for tests of the stores.
#include <string>

#include "services/contacts/store/identifier_cipher.h"

namespace tmk::contacts {

inline const IdentifierCipher& TestCipher() {
  static const IdentifierCipher* cipher =
      new IdentifierCipher({{"test", std::string(32, 'd')}}, std::string(32, 'i'));
  return *cipher;
}

}  // namespace tmk::contacts
