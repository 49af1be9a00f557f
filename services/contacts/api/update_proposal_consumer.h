#pragma once
// Update proposals as they arrive on tm.contact-proposals.v1 (R5, R32). As owner, this region
// applies each proposal addressed to it field by field by last-writer-wins on the HLC
// (domain/update_proposal_rules.h), records the applied changes in the profile history with the
// proposer and call (R3), republishes the customer's snapshot, and answers with
// CustomerUpdateProposalDecided. As proposer, it records the owner's decision on its copy. Each
// event is applied in one transaction with its inbox claim; events for other regions are skipped.
#include <string>

#include "absl/status/status.h"
#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/api/customer_change_writer.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/update_proposal_store.h"

namespace tmk::contacts {

class UpdateProposalConsumer {
 public:
  static constexpr char kTopic[] = "tm.contact-proposals.v1";
  // The inbox consumer name and the Kafka consumer group's prefix (the module appends the region).
  static constexpr char kConsumerGroup[] = "contacts-proposals";

  UpdateProposalConsumer(pg::PgPool& pool, const IdentifierCipher& cipher, HybridLogicalClock& hlc,
                         const Clock& clock, std::string region)
      : pool_(pool), customers_(cipher), history_(cipher), proposals_(cipher),
        writer_(customers_, history_, hlc, clock, region), hlc_(hlc), clock_(clock),
        region_(std::move(region)) {}

  // The EventConsumer handler: INVALID_ARGUMENT for an event that can never be applied.
  absl::Status Handle(const events::ConsumedEvent& event);

 private:
  absl::Status Decide(const events::ConsumedEvent& event);
  absl::Status RecordDecision(const events::ConsumedEvent& event);
  // Applies what wins of `proposal` to the customer, fills its state and outcomes.
  absl::Status Apply(pqxx::work& tx, telemarketing::contacts::v1::UpdateProposal& proposal) const;

  pg::PgPool& pool_;
  CustomerStore customers_;
  CustomerHistoryStore history_;
  UpdateProposalStore proposals_;
  CustomerChangeWriter writer_;
  HybridLogicalClock& hlc_;
  const Clock& clock_;
  const std::string region_;
};

}  // namespace tmk::contacts
