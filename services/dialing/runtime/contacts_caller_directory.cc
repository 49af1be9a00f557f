#include "services/dialing/runtime/contacts_caller_directory.h"

namespace tmk::dialing {
namespace contacts = telemarketing::contacts::v1;

ContactsCallerDirectory::ContactsCallerDirectory(contacts_client::CustomerDirectory& contacts,
                                                 Scheduler& scheduler, auth::Principal service,
                                                 int workers, int max_queued)
    : contacts_(contacts),
      scheduler_(scheduler),
      service_(std::move(service)),
      lookups_(workers, max_queued) {}

void ContactsCallerDirectory::Identify(const std::string& call_id,
                                       const std::string& caller_number, Answer answer) {
  const bool queued = lookups_.TrySubmit([this, call_id, caller_number, answer] {
    absl::StatusOr<std::optional<KnownCaller>> caller = Lookup(call_id, caller_number);
    scheduler_.At(scheduler_.Now(), [answer, caller] { answer(caller); });
  });
  if (!queued) {
    scheduler_.At(scheduler_.Now(), [answer] {
      answer(absl::ResourceExhaustedError("too many caller lookups waiting for contacts"));
    });
  }
}

absl::StatusOr<std::optional<KnownCaller>> ContactsCallerDirectory::Lookup(
    const std::string& call_id, const std::string& caller_number) {
  telemarketing::common::v1::ChangeContext context;
  context.set_call_id(call_id);
  context.set_reason("inbound caller identified by number");
  absl::StatusOr<contacts::LookupCustomersByPhoneResponse> found =
      contacts_.LookupCustomersByPhone(service_, caller_number, context);
  // A caller id contacts cannot read as a number (withheld, malformed) belongs to nobody.
  if (absl::IsInvalidArgument(found.status())) return std::nullopt;
  if (!found.ok()) return found.status();
  std::vector<CallerCandidate> candidates;
  for (const contacts::Customer& customer : found->customers()) {
    CallerCandidate& candidate = candidates.emplace_back();
    candidate.customer_id = customer.customer_id();
    for (const contacts::ContactPoint& point : customer.contact_points()) {
      if (point.type() == contacts::CONTACT_POINT_TYPE_EMAIL) continue;
      candidate.phones.push_back({point.contact_point_id(), point.normalized_value()});
    }
  }
  return MatchCaller(candidates, found->normalized_phone_number());
}

}  // namespace tmk::dialing
