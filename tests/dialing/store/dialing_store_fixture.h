#pragma once
// A fresh `dialing` schema on the test PostgreSQL with the service's migrations, and small
// builders of roster records, for the dialing store tests.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "telemarketing/dialing/v1/agent.pb.h"
#include "tests/support/pg_fixture.h"

namespace tmk::dialing {
std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations
}

namespace tmk::dialing::testing {

class DialingStoreTest : public tmk::testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  static telemarketing::dialing::v1::Agent NewAgent(const std::string& employee_number,
                                                    std::vector<std::string> groups = {},
                                                    std::vector<std::string> skills = {}) {
    telemarketing::dialing::v1::Agent agent;
    agent.set_agent_id(NewId());
    agent.set_display_name("agent " + employee_number);
    agent.set_employee_number(employee_number);
    agent.set_user_id("user-" + employee_number);
    agent.set_blending_mode(telemarketing::dialing::v1::BLENDING_MODE_BLENDED);
    agent.set_active(true);
    for (const std::string& group : groups) agent.add_agent_group_ids(group);
    for (const std::string& skill : skills) {
      auto* s = agent.add_skills();
      s->set_skill_id(skill);
      s->set_level(5);
    }
    *agent.mutable_create_time() =
        google::protobuf::util::TimeUtil::SecondsToTimestamp(1'780'000'000);
    *agent.mutable_update_time() = agent.create_time();
    agent.set_revision(1);
    return agent;
  }
};

}  // namespace tmk::dialing::testing
