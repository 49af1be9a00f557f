// ContactsForwarder on a real PostgreSQL in virtual time (R2 list screening, R3 profile completion,
// R6 a refusal of further calls): the changes a wrap-up queued reach contacts (here a scripted
// ContactsChanges that records every request) with their forward id as request_id on every try;
// a row goes only once contacts answered OK; an outage postpones it with a growing backoff and
// loses nothing; a refusal on the merits is kept with contacts' reason and never sent again; two
// replicas never send one row at the same time.
#include "services/dialing/api/contacts_forwarder.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "services/common/core/uuid.h"
#include "telemarketing/dialing/v1/wrap_up.pb.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Contacts as scripted by the test: each Apply records the change and answers the next scripted
// status (OK once the script is used up).
class ScriptedContacts final : public ContactsChanges {
 public:
  void Script(std::vector<absl::Status> answers) {
    std::lock_guard<std::mutex> lock(mutex_);
    answers_.insert(answers_.end(), answers.begin(), answers.end());
  }

  absl::Status Apply(const ContactsForward& change) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      received_.push_back(change);
    }
    if (hold_) hold_(change);
    std::lock_guard<std::mutex> lock(mutex_);
    if (answers_.empty()) return absl::OkStatus();
    absl::Status answer = answers_.front();
    answers_.pop_front();
    return answer;
  }

  // The request ids received, oldest first.
  std::vector<std::string> RequestIds() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const ContactsForward& c : received_) out.push_back(c.forward_id);
    return out;
  }
  std::vector<ContactsForward> Received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

  // Called inside Apply, outside the lock: lets a test keep a forwarder mid-batch.
  std::function<void(const ContactsForward&)> hold_;

 private:
  std::mutex mutex_;
  std::deque<absl::Status> answers_;
  std::vector<ContactsForward> received_;
};

class ContactsForwarderTest : public testing::DialingStoreTest {
 protected:
  // A change learnt on call `call_id`, queued now as the wrap-up does.
  std::string Queue(ForwardKind kind, const std::string& call_id) {
    std::string payload;
    if (kind == ForwardKind::kProfileField) {
      v1::ProfileFieldChange change;
      change.set_field("occupation");
      change.set_new_value("教师");
      payload = change.SerializeAsString();
    } else if (kind == ForwardKind::kContactPoint) {
      v1::ContactPointChange change;
      change.set_action(v1::CONTACT_POINT_ACTION_MARK_WRONG_PARTY);
      change.set_contact_point_id("cp-1");
      payload = change.SerializeAsString();
    }
    const ContactsForward row{NewId(), "customer-1", call_id, "agent-7", kind, payload};
    EXPECT_TRUE(Run([&](pqxx::work& tx) { store_.Insert(tx, row, clock_.Now()); }).ok());
    clock_.Advance(milliseconds(1));  // rows are due oldest first
    return row.forward_id;
  }

  ForwardRound Forward(ContactsForwarder& forwarder) {
    absl::StatusOr<ForwardRound> round = forwarder.ForwardDue();
    EXPECT_TRUE(round.ok()) << round.status();
    return round.ok() ? *round : ForwardRound{};
  }

  // Rows still owed to contacts, and rows contacts refused.
  int Owed() {
    int n = -1;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { n = store_.Count(tx); }).ok());
    return n;
  }
  int Refused() {
    int n = -1;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { n = store_.CountRefused(tx); }).ok());
    return n;
  }

  ManualClock clock_{TimePoint(seconds(1'780'000'000))};
  ContactsForwardingStore store_;
  ScriptedContacts contacts_;
};

TEST_F(ContactsForwarderTest, AChangeContactsAcceptedIsSentWithItsIdAndDeleted) {
  const std::string profile = Queue(ForwardKind::kProfileField, "call-1");
  const std::string screening = Queue(ForwardKind::kContactPoint, "call-1");
  const std::string dnc = Queue(ForwardKind::kDoNotCall, "call-2");
  ContactsForwarder forwarder(*pool_, clock_, contacts_);

  const ForwardRound round = Forward(forwarder);
  EXPECT_EQ(round.forwarded, 3);
  EXPECT_EQ(round.postponed + round.refused, 0);
  EXPECT_EQ(contacts_.RequestIds(), (std::vector<std::string>{profile, screening, dnc}));
  // Contacts is told who, on which call and by which agent (R3), and what.
  const std::vector<ContactsForward> sent = contacts_.Received();
  EXPECT_EQ(sent[0].kind, ForwardKind::kProfileField);
  EXPECT_EQ(sent[0].customer_id, "customer-1");
  EXPECT_EQ(sent[0].call_id, "call-1");
  EXPECT_EQ(sent[0].agent_id, "agent-7");
  v1::ProfileFieldChange field;
  ASSERT_TRUE(field.ParseFromString(sent[0].payload));
  EXPECT_EQ(field.new_value(), "教师");
  v1::ContactPointChange point;
  ASSERT_TRUE(point.ParseFromString(sent[1].payload));
  EXPECT_EQ(point.action(), v1::CONTACT_POINT_ACTION_MARK_WRONG_PARTY);
  EXPECT_EQ(sent[2].kind, ForwardKind::kDoNotCall);
  EXPECT_EQ(sent[2].call_id, "call-2");

  EXPECT_EQ(Owed(), 0);
  EXPECT_EQ(Refused(), 0);
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(Forward(forwarder).forwarded, 0);
  EXPECT_EQ(contacts_.RequestIds().size(), 3u) << "an accepted change is never sent again";
}

TEST_F(ContactsForwarderTest, AnOutageIsWaitedOutWithAGrowingBackoffUnderTheSameRequestId) {
  const std::string id = Queue(ForwardKind::kContactPoint, "call-1");
  ContactsForwarder forwarder(*pool_, clock_, contacts_);
  contacts_.Script({absl::UnavailableError("contacts: connection refused"),
                    absl::DeadlineExceededError("contacts: deadline exceeded"),
                    absl::UnavailableError("contacts: connection reset")});

  // Each failure doubles the wait (1 s, 2 s, 4 s); before it is over the change is not sent.
  for (const seconds wait : {seconds(1), seconds(2), seconds(4)}) {
    const size_t tries = contacts_.RequestIds().size();
    const ForwardRound round = Forward(forwarder);
    EXPECT_EQ(round.postponed, 1);
    EXPECT_EQ(round.forwarded + round.refused, 0);
    EXPECT_EQ(Owed(), 1) << "kept while contacts is unreachable";
    clock_.Advance(wait - milliseconds(1));
    EXPECT_EQ(Forward(forwarder).postponed, 0);
    EXPECT_EQ(contacts_.RequestIds().size(), tries + 1) << "tried again before its time";
    clock_.Advance(milliseconds(1));
  }
  EXPECT_EQ(Scalar("SELECT attempts FROM contacts_forwarding"), "3");
  EXPECT_EQ(Scalar("SELECT last_error FROM contacts_forwarding"),
            "UNAVAILABLE: contacts: connection reset");

  EXPECT_EQ(Forward(forwarder).forwarded, 1);
  EXPECT_EQ(contacts_.RequestIds(), (std::vector<std::string>(4, id)))
      << "every try is the same request: contacts applies it once (replay-safe)";
  EXPECT_EQ(Owed(), 0);
}

TEST_F(ContactsForwarderTest, OnceContactsIsUnreachableTheRestOfTheBatchWaitsWithoutBeingSent) {
  Queue(ForwardKind::kProfileField, "call-1");
  Queue(ForwardKind::kContactPoint, "call-1");
  Queue(ForwardKind::kDoNotCall, "call-1");
  ContactsForwarder forwarder(*pool_, clock_, contacts_);
  contacts_.Script({absl::UnavailableError("contacts: connection refused")});

  const ForwardRound round = Forward(forwarder);
  EXPECT_EQ(round.postponed, 3);
  EXPECT_EQ(contacts_.RequestIds().size(), 1u) << "one refused connection is enough to know";
  EXPECT_EQ(Owed(), 3);
  clock_.Advance(seconds(1));
  EXPECT_EQ(Forward(forwarder).forwarded, 3);
  EXPECT_EQ(Owed(), 0);
}

TEST_F(ContactsForwarderTest, ARefusalOnTheMeritsIsKeptWithContactsReasonAndNeverSentAgain) {
  const std::string unknown_field = Queue(ForwardKind::kProfileField, "call-1");
  const std::string gone = Queue(ForwardKind::kContactPoint, "call-1");
  const std::string fine = Queue(ForwardKind::kDoNotCall, "call-1");
  ContactsForwarder forwarder(*pool_, clock_, contacts_);
  contacts_.Script({absl::InvalidArgumentError("'shoe_size' is not a customer field"),
                    absl::NotFoundError("contact point cp-1 not found")});

  const ForwardRound round = Forward(forwarder);
  EXPECT_EQ(round.refused, 2);
  EXPECT_EQ(round.forwarded, 1) << "a refusal does not hold the rest of the batch";
  EXPECT_EQ(round.postponed, 0);
  EXPECT_EQ(Refused(), 2);
  EXPECT_EQ(Owed(), 0);
  EXPECT_EQ(Scalar("SELECT last_error FROM contacts_forwarding WHERE forward_id = '" +
                   unknown_field + "'"),
            "INVALID_ARGUMENT: 'shoe_size' is not a customer field");
  EXPECT_EQ(Scalar("SELECT last_error FROM contacts_forwarding WHERE forward_id = '" + gone + "'"),
            "NOT_FOUND: contact point cp-1 not found");

  clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(Forward(forwarder).refused, 0);
  EXPECT_EQ(contacts_.RequestIds(), (std::vector<std::string>{unknown_field, gone, fine}))
      << "a refused change is never retried";
}

TEST_F(ContactsForwarderTest, TwoReplicasNeverSendOneRowAtTheSameTime) {
  for (int i = 0; i < 3; ++i) Queue(ForwardKind::kProfileField, "call-" + std::to_string(i));
  // Replica A takes a batch of two and is kept inside contacts' first answer; replica B (its own
  // pool, like another pod) runs meanwhile.
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  bool first = true;
  ScriptedContacts contacts_a;
  contacts_a.hold_ = [&](const ContactsForward&) {
    if (!std::exchange(first, false)) return;
    entered.set_value();
    released.wait();
  };
  ContactsForwarder replica_a(*pool_, clock_, contacts_a, {seconds(1), 2});
  pg::PgPool other_pool(config_, schema_);
  ContactsForwarder replica_b(other_pool, clock_, contacts_);

  std::future<absl::StatusOr<ForwardRound>> a =
      std::async(std::launch::async, [&] { return replica_a.ForwardDue(); });
  entered.get_future().wait();
  // While contacts answers A, A holds no row lock and no open transaction: its rows are its own
  // by their lease (a slow contacts stalls nobody else's writes).
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT 1 FROM contacts_forwarding FOR UPDATE NOWAIT) r"),
            "3");
  const ForwardRound b = Forward(replica_b);
  EXPECT_EQ(b.forwarded, 1) << "B skips the rows A holds and takes the one left";
  release.set_value();
  absl::StatusOr<ForwardRound> round_a = a.get();
  ASSERT_TRUE(round_a.ok()) << round_a.status();
  EXPECT_EQ(round_a->forwarded, 2);

  std::vector<std::string> sent = contacts_a.RequestIds();
  for (const std::string& id : contacts_.RequestIds()) sent.push_back(id);
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(sent.size(), 3u);
  EXPECT_EQ(std::adjacent_find(sent.begin(), sent.end()), sent.end()) << "a row sent twice";
  EXPECT_EQ(Owed(), 0);
}

// A forwarder that claimed rows and died before recording contacts' answers leaves them to be
// claimed again when the lease ends, and sent under the same request id (contacts replays).
TEST_F(ContactsForwarderTest, RowsClaimedByAForwarderThatDiedAreSentAgainAfterTheLease) {
  const std::string id = Queue(ForwardKind::kDoNotCall, "call-1");
  const ContactsForwarderOptions options;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_EQ(store_.Claim(tx, clock_.Now(), 50, clock_.Now() + options.lease).size(),
                          1u);
              }).ok());
  ContactsForwarder forwarder(*pool_, clock_, contacts_, options);
  clock_.Advance(options.lease - milliseconds(1));
  EXPECT_EQ(Forward(forwarder).forwarded, 0) << "still leased";
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(Forward(forwarder).forwarded, 1);
  EXPECT_EQ(contacts_.RequestIds(), std::vector<std::string>{id});
  EXPECT_EQ(Owed(), 0);
}

TEST_F(ContactsForwarderTest, TheBackgroundLoopForwardsWhatAWrapUpQueued) {
  const std::string id = Queue(ForwardKind::kDoNotCall, "call-1");
  ContactsForwarder forwarder(*pool_, clock_, contacts_, {milliseconds(20), 50});
  forwarder.Start();
  for (int i = 0; i < 250 && Owed() > 0; ++i) std::this_thread::sleep_for(milliseconds(20));
  forwarder.Stop();
  EXPECT_EQ(Owed(), 0);
  EXPECT_EQ(contacts_.RequestIds(), std::vector<std::string>{id});
}

}  // namespace
}  // namespace tmk::dialing
