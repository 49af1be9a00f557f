// The offer an agent's desktop shows for an inbound service call (R18, R19) on a real PostgreSQL:
// such a call has no campaign and no lead, and its caller may be unknown. The offer still goes
// out, with the service outcomes; an unknown caller has no history, never other customers' calls
// (R6). Contacts and campaigns are unreachable here, so the offer also shows that their parts are
// left out rather than the offer withheld.
#include "services/dialing/api/call_offer_builder.h"

#include <google/protobuf/util/time_util.h>

#include <memory>
#include <set>

#include "services/contacts/client/grpc_contacts_client.h"
#include "services/dialing/api/grpc_script_renderer.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::milliseconds;

constexpr char kNowhere[] = "127.0.0.1:1";  // no contacts, no campaigns

class CallOfferBuilderTest : public testing::DialingStoreTest {
 protected:
  void SetUp() override {
    DialingStoreTest::SetUp();
    offers_ = std::make_unique<CallOfferBuilder>(*pool_, campaigns_, contacts_, scripts_);
  }

  // A call stored as given, with a fresh id.
  std::string Store(v1::Call call) {
    call.set_call_id(NewId());
    *call.mutable_create_time() = TimeUtil::SecondsToTimestamp(1'780'000'000);
    EXPECT_TRUE(Run([&](pqxx::work& tx) { CallStore().Insert(tx, CallRow{call, 1}); }).ok());
    return call.call_id();
  }

  CampaignProjectionStore campaigns_;
  contacts_client::GrpcContactsClient contacts_{kNowhere, milliseconds(200)};
  GrpcScriptRenderer scripts_{kNowhere, milliseconds(200)};
  std::unique_ptr<CallOfferBuilder> offers_;
  auth::Principal agent_{"agent-1", {auth::Role::kAgent}, {"gd"}, {}, ""};
};

TEST_F(CallOfferBuilderTest, UnknownInboundCallerIsOfferedWithServiceOutcomesAndNoHistory) {
  // An outbound call of some customer, which must not show on the unknown caller's offer.
  v1::Call earlier;
  earlier.set_campaign_id(NewId());
  earlier.set_lead_id(NewId());
  earlier.set_customer_id(NewId());
  earlier.set_direction(common::CALL_DIRECTION_OUTBOUND);
  earlier.set_state(v1::CALL_STATE_DISPOSITIONED);
  Store(earlier);

  v1::Call inbound;
  inbound.set_direction(common::CALL_DIRECTION_INBOUND);
  inbound.set_queue_id(NewId());
  inbound.set_state(v1::CALL_STATE_WAITING_FOR_AGENT);
  const std::string call_id = Store(inbound);

  absl::StatusOr<v1::CallOffer> offer = offers_->Build(agent_, call_id);
  ASSERT_TRUE(offer.ok()) << offer.status();
  EXPECT_EQ(offer->call().call_id(), call_id);
  EXPECT_FALSE(offer->has_lead());
  EXPECT_TRUE(offer->history().empty()) << offer->DebugString();
  std::set<std::string> codes;
  for (const v1::DispositionChoice& d : offer->dispositions()) codes.insert(d.code());
  EXPECT_EQ(codes.count("SERVICE_RESOLVED"), 1u) << offer->DebugString();
  EXPECT_TRUE(offer->customer().customer_id().empty()) << "contacts is unreachable";
}

TEST_F(CallOfferBuilderTest, UnknownCallIsNotFound) {
  EXPECT_EQ(offers_->Build(agent_, NewId()).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tmk::dialing
