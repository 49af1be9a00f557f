#include "services/dialing/api/hopper_filler.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/calendar/local_date_time.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/domain/customer_contact_facts.h"
#include "services/dialing/domain/hopper_batch.h"
#include "services/dialing/domain/lead_eligibility.h"

namespace tmk::dialing {
namespace {

// Everything EvaluateEligibility needs about one candidate besides the lead.
EligibilityContext ContextFor(const CampaignDialingRules& rules, const CustomerProjection* customer,
                              const CustomerCallCounts& counts, TimePoint now,
                              std::chrono::milliseconds recall_block) {
  EligibilityContext c;
  c.now = now;
  c.abandon_recall_block = recall_block;  // the region's (R20), at least 72 h
  const int kind = customer ? customer->kind : 0;
  c.calendars = rules.CalendarsFor(kind);
  c.zone = calendar::ResolveTimeZone(customer ? customer->time_zone : std::string(),
                                     rules.windows.fallback_time_zone);
  c.counts = counts;
  c.frequency_cap = rules.policy.frequency_cap;
  if (rules.callback_grace.count() > 0) c.callback_grace = rules.callback_grace;
  // The entry is reserved for a callback's owner and only they can Take it (HopperStore), so the
  // owner counts as ready here; an AGENT_PREFERRED callback past its grace goes to anyone.
  c.callback_owner_ready = true;
  return c;
}

}  // namespace

HopperFiller::HopperFiller(pg::PgPool& pool, const Clock& clock,
                           const CampaignProjectionStore& campaigns, HopperFillerOptions options)
    : pool_(pool), clock_(clock), campaigns_(campaigns), options_(options) {}

HopperFiller::~HopperFiller() { Stop(); }

void HopperFiller::SetDemand(const std::string& campaign_id, int ready_leads) {
  std::lock_guard<std::mutex> lock(mutex_);
  demand_[campaign_id] = std::max(0, ready_leads);
}

int HopperFiller::TargetSize(const std::string& campaign_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto demand = demand_.find(campaign_id);
  return std::max(options_.floor, demand == demand_.end() ? 0 : demand->second);
}

HopperFill HopperFiller::FillCampaign(pqxx::work& tx, const CampaignDialingRules& rules) {
  const TimePoint now = clock_.Now();
  HopperFill fill;
  // A campaign that is not dialing keeps no entries, but its leads are still judged, so a
  // supervisor sees what blocks them before the launch.
  fill.evicted = hopper_.EvictOlderThan(
      tx, rules.campaign_id, rules.dialing() ? now - options_.entry_ttl : now + options_.period);
  const int free = TargetSize(rules.campaign_id) - hopper_.Count(tx, rules.campaign_id);
  if (free <= 0) {
    fill.ready = hopper_.Count(tx, rules.campaign_id);
    return fill;
  }
  std::vector<LeadRow> rows =
      leads_.Candidates(tx, rules.campaign_id, now, free * options_.candidates_per_slot);
  std::vector<std::string> customer_ids;
  for (const LeadRow& row : rows) customer_ids.push_back(row.facts.customer_id);
  const std::map<std::string, CustomerProjection> customers = customers_.Find(tx, customer_ids);
  const std::map<std::string, CustomerCallCounts> counts = calls_.Counts(tx, customer_ids, now);

  const std::chrono::milliseconds recall_block =
      RegionRules(tx, settings_, rules.region).abandon_recall_block;
  std::vector<HopperCandidate> eligible;
  std::map<std::string, HopperEntry> entries;  // by lead id
  std::vector<LeadStore::HoldOrder> holds;
  for (const LeadRow& row : rows) {
    const LeadFacts& lead = row.facts;
    auto customer = customers.find(lead.customer_id);
    const CustomerProjection* projected = customer == customers.end() ? nullptr : &customer->second;
    auto count = counts.find(lead.customer_id);
    EligibilityContext context = ContextFor(
        rules, projected, count == counts.end() ? CustomerCallCounts{} : count->second, now,
        recall_block);
    const CustomerVerdict verdict =
        EvaluateCustomer(projected ? projected->facts : CustomerContactFacts{}, rules.purpose,
                         rules.region, rules.campaign_id, now);
    context.customer = verdict.callability;
    const Eligibility e = EvaluateEligibility(lead, context);
    if (!e.eligible()) {
      holds.push_back({lead.lead_id, e.blocked.front().reason,
                       e.next_callable_time.value_or(now + options_.recheck)});
      continue;
    }
    HopperCandidate candidate{lead.lead_id, lead.campaign_id, lead.customer_id, e.callback_due,
                              lead.priority, lead.next_attempt_time};
    entries[lead.lead_id] = HopperEntry{candidate, verdict.contact_point_id, e.reserved_agent_id,
                                        lead.state, now};
    eligible.push_back(std::move(candidate));
  }
  leads_.Hold(tx, holds);
  fill.held = static_cast<int>(holds.size());
  if (rules.dialing()) {
    std::vector<HopperEntry> batch;
    for (const HopperCandidate& c :
         SelectHopperBatch(std::move(eligible), {{rules.campaign_id, free}})) {
      batch.push_back(entries.at(c.lead_id));
    }
    fill.queued = hopper_.Insert(tx, batch);
  }
  fill.ready = hopper_.Count(tx, rules.campaign_id);
  return fill;
}

absl::StatusOr<HopperFill> HopperFiller::Fill(const std::string& campaign_id) {
  HopperFill fill;
  absl::Status done = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<CampaignDialingRules> rules = LoadCampaignRules(tx, campaigns_, campaign_id);
    if (!rules.ok()) return rules.status();
    fill = FillCampaign(tx, *rules);
    return absl::OkStatus();
  });
  if (!done.ok()) return done;
  return fill;
}

absl::Status HopperFiller::FillAll() {
  std::vector<CampaignDialingRules> campaigns;
  absl::Status listed = pool_.Transact([&](pqxx::work& tx) {
    campaigns = LoadDialingCampaigns(tx, campaigns_);
    return absl::OkStatus();
  });
  if (!listed.ok()) return listed;
  absl::Status first;
  for (const CampaignDialingRules& rules : campaigns) {
    HopperFill fill;
    absl::Status done = pool_.Transact([&](pqxx::work& tx) {
      fill = FillCampaign(tx, rules);
      return absl::OkStatus();
    });
    if (!done.ok()) {
      log::Warn("hopper fill failed", {{"campaign_id", rules.campaign_id},
                                       {"error", std::string(done.message())}});
      if (first.ok()) first = done;
    } else if (fill.queued > 0 || fill.evicted > 0) {
      log::Debug("hopper filled", {{"campaign_id", rules.campaign_id}, {"ready", fill.ready},
                                   {"queued", fill.queued}, {"held", fill.held},
                                   {"evicted", fill.evicted}});
    }
  }
  return first;
}

void HopperFiller::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (loop_.joinable()) return;
  stopping_ = false;
  loop_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      FillAll().IgnoreError();  // logged per campaign; the next period retries
      lock.lock();
      wake_.wait_for(lock, options_.period, [this] { return stopping_; });
    }
  });
}

void HopperFiller::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (loop_.joinable()) loop_.join();
}

}  // namespace tmk::dialing
