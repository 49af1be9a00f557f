#pragma once
// The running suite dialing's end-to-end tests drive (R17, R18, R19): contacts, campaigns and
// dialing in one server with JWT authentication and the fast real-time simulator. Dialing's
// contacts consumer group starts past the shared topics' backlog, so a test's server reads only
// the customers of its own run, not every earlier test's. Dialing's consumer groups are named
// after the region: a suite in a region of its own shares no partitions with another test's.
// Dialing calls contacts with its own credential (role system, R6), as deployed: the changes
// learnt on calls are forwarded (R2, R3) and inbound callers looked up (R18).
#include <chrono>
#include <string>
#include <vector>

#include "tests/support/kafka_support.h"
#include "tests/support/suite_process.h"
#include "tests/support/suite_tokens.h"
#include "tests/support/test_env.h"

namespace tmk::testing {

inline constexpr char kDialingSuiteServices[] = "contacts,campaigns,dialing";

// The server of a suite in `region`, with `more_args` after the defaults (a later flag wins);
// `services` without contacts when the test runs contacts in a server of its own.
inline SuiteProcess* StartDialingSuite(const std::string& region,
                                       const std::vector<std::string>& more_args = {},
                                       const std::string& services = kDialingSuiteServices) {
  SkipBacklog(KafkaBrokers(), "dialing-contacts." + region,
              {"tm.contacts.v1", "tm.contact-consent.v1"});
  SuiteProcess::Options options;
  options.region = region;
  options.services = services;
  options.extra_args = JwtServerArgs();
  options.extra_args.push_back("--dialing-simulation-profile=fast");
  // Dialing holds its token for the whole suite, which may outlive a request token's minutes.
  const std::string bearer =
      BearerToken("dialing", {"system"}, {region}, std::chrono::hours(12));
  options.extra_args.push_back("--dialing-contacts-token=" +
                               bearer.substr(std::string("Bearer ").size()));
  options.extra_args.insert(options.extra_args.end(), more_args.begin(), more_args.end());
  return new SuiteProcess(options);
}

}  // namespace tmk::testing
