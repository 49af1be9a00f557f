#pragma once
// Keeps each dialing campaign's hopper filled with the next callable leads (R2, R6, R10, R12,
// R17, R19, R20), so the dialer never waits on a query while callable leads exist. One fill of a
// campaign is one transaction: stale entries go back; candidates come set-based from the leads'
// indexes (due callbacks, then priority and wait), locked SKIP LOCKED; each is judged by the
// domain's EvaluateEligibility on the local contacts projection and call counters; the eligible
// are queued in dialing order (SelectHopperBatch), the others are held with their reason until it
// can lift, so the next fill does not re-read them and GetHopperStatus can say why.
//
// The dialer's side (a later issue) is small: SetDemand to say how many ready leads a campaign
// needs (ready agents x dial level), Take to dial the next lead (HopperStore: the attempt is
// counted and the lead is IN_PROGRESS in the same transaction), and the lead's wrap-up to put it
// back into the schedule.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/customer_call_store.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"

namespace tmk::dialing {

struct HopperFillerOptions {
  // Ready leads kept per dialing campaign when no demand was set, and the least kept otherwise.
  int floor = 20;
  // Entries older than this go back and are judged again (a window may have closed).
  std::chrono::milliseconds entry_ttl = std::chrono::seconds(60);
  // Candidates read per free slot: blocked ones are held, so a few extra keep a fill complete.
  int candidates_per_slot = 2;
  // A reason with no known end (DNC, no consent, frequency cap) is looked at again after this,
  // or sooner when the customer's contacts facts change.
  std::chrono::milliseconds recheck = std::chrono::hours(1);
  std::chrono::milliseconds period = std::chrono::seconds(2);
};

struct HopperFill {
  int ready = 0;    // entries after the fill
  int queued = 0;   // added by it
  int held = 0;     // candidates passed over (with their reason)
  int evicted = 0;  // stale entries returned
};

class HopperFiller {
 public:
  HopperFiller(pg::PgPool& pool, const Clock& clock, const CampaignProjectionStore& campaigns,
               HopperFillerOptions options = {});
  ~HopperFiller();

  // The dialer's demand for a campaign: ready agents x dial level (at least the floor is kept).
  void SetDemand(const std::string& campaign_id, int ready_leads);
  int TargetSize(const std::string& campaign_id) const;

  // Fills one campaign now; NOT_FOUND for an unknown one. A campaign that is not dialing gets no
  // entries, but its candidates are judged and held with their reasons all the same.
  absl::StatusOr<HopperFill> Fill(const std::string& campaign_id);
  // Fills every dialing campaign; the first error, after trying them all.
  absl::Status FillAll();

  // A background loop calling FillAll every `period`.
  void Start();
  void Stop();

 private:
  HopperFill FillCampaign(pqxx::work& tx, const CampaignDialingRules& rules);

  pg::PgPool& pool_;
  const Clock& clock_;
  const CampaignProjectionStore& campaigns_;
  HopperFillerOptions options_;
  LeadStore leads_;
  HopperStore hopper_;
  CustomerCallabilityStore customers_;
  CustomerCallStore calls_;
  ComplianceSettingsStore settings_;  // the region's recall block (R20)

  mutable std::mutex mutex_;
  std::map<std::string, int> demand_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread loop_;
};

}  // namespace tmk::dialing
