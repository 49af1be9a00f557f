#include "services/dialing/api/compliance_settings_mapping.h"

#include <google/protobuf/util/time_util.h>

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

std::chrono::milliseconds Millis(const google::protobuf::Duration& d) {
  return std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(d));
}

google::protobuf::Duration Proto(std::chrono::milliseconds d) {
  return TimeUtil::MillisecondsToDuration(d.count());
}

}  // namespace

ComplianceRules ToRules(const v1::ComplianceSettings& s) {
  ComplianceRules r;
  r.default_abandon_target = s.default_abandon_target();
  r.max_abandon_target = s.max_abandon_target();
  r.abandon_connect_threshold = Millis(s.abandon_connect_threshold());
  r.min_ring_duration = Millis(s.min_ring_duration());
  r.abandon_recall_block = Millis(s.abandon_recall_block());
  r.abandon_message_required = s.abandon_message_required();
  r.recording_notice_required = s.recording_notice_required();
  r.max_dial_level = s.max_dial_level();
  return r;
}

void SetRules(const ComplianceRules& r, v1::ComplianceSettings& out) {
  out.set_default_abandon_target(r.default_abandon_target);
  out.set_max_abandon_target(r.max_abandon_target);
  *out.mutable_abandon_connect_threshold() = Proto(r.abandon_connect_threshold);
  *out.mutable_min_ring_duration() = Proto(r.min_ring_duration);
  *out.mutable_abandon_recall_block() = Proto(r.abandon_recall_block);
  out.set_abandon_message_required(r.abandon_message_required);
  out.set_recording_notice_required(r.recording_notice_required);
  out.set_max_dial_level(r.max_dial_level);
}

v1::ComplianceSettings DefaultSettings(const std::string& region) {
  v1::ComplianceSettings s;
  s.set_region_id(region);
  SetRules(ComplianceRules{}, s);
  return s;
}

ComplianceRules RegionRules(pqxx::work& tx, const ComplianceSettingsStore& store,
                            const std::string& region) {
  return ToRules(store.Find(tx, region).value_or(DefaultSettings(region)));
}

}  // namespace tmk::dialing
