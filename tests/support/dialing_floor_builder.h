#pragma once
// A dialing floor as end-to-end tests build it through the running suite (R8, R9, R13, R17):
// customers in a contact list, a script approved by a second person, a disposition set with an
// order code, an ACTIVE follow-up campaign whose calling windows are open now, and agents on the
// roster. The dialer's and reporting's end-to-end tests drive the same floor.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"

namespace tmk::testing {

class DialingFloorBuilder {
 public:
  // A call context as `who` with `roles`, valid in the suite's region.
  using Caller = std::function<std::unique_ptr<grpc::ClientContext>(
      const std::string& who, std::vector<std::string> roles)>;

  DialingFloorBuilder(const std::shared_ptr<grpc::Channel>& channel, Caller as);

  // `customers` (at most 100) B2C customers with a mobile each, in a list for service calls (R8);
  // the list's id.
  std::string BuildList(int customers);
  // A script with every compliance statement, authored by alice and approved by bob (R9).
  telemarketing::campaigns::v1::ScriptVersion ApprovedScript();
  // "ORDER" (needs an order, a conversion, stage ORDER) and "NOT_NOW" (back to the cadence).
  std::string DispositionSet();
  // An ACTIVE follow-up campaign over the list, progressive, selling kSku at 99 CNY, calling
  // every day 08:00-21:00 in a zone where it is early afternoon now.
  std::string ActiveCampaign(const std::string& list_id);
  // The campaign's leads created from its list (R11), as a supervisor, once dialing has learnt
  // the campaign; how many were created (-1, with a test failure, if loading never succeeded).
  int LoadLeads(const std::string& campaign_id);
  // An outbound-only agent on the roster for `user_id`; its agent_id.
  std::string CreateAgent(const std::string& user_id);
  // The agent of `user_id` logged in on `campaign_id` as that user (R19: nobody logs in for
  // another), at station sip:<user>@pbx; the session id ("" with a test failure if refused).
  std::string LogIn(const std::string& user_id, const std::string& agent_id,
                    const std::string& campaign_id);
  // An order of `quantity` x kSku the customer confirmed, for a wrap-up with "ORDER" (R13).
  static telemarketing::dialing::v1::OrderCapture Order(int quantity);

  // Retries `call` until it is OK or 30 s passed (dialing learns campaigns and customers from
  // Kafka, a moment after campaigns and contacts committed them).
  static grpc::Status Eventually(const std::function<grpc::Status()>& call);

  static constexpr char kSku[] = "BB-300M";
  static constexpr int64_t kUnitPrice = 99;  // CNY

 private:
  std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                          std::vector<std::string> roles = {"supervisor"}) const {
    return as_(who, std::move(roles));
  }

  Caller as_;
  std::unique_ptr<telemarketing::contacts::v1::ContactsService::Stub> contacts_;
  std::unique_ptr<telemarketing::campaigns::v1::CampaignsService::Stub> campaigns_;
  std::unique_ptr<telemarketing::dialing::v1::DialingService::Stub> dialing_;
  std::unique_ptr<telemarketing::dialing::v1::AgentDesktopService::Stub> desktop_;
};

}  // namespace tmk::testing
