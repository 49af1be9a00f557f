#include "services/dialing/api/agent_api.h"

#include <google/protobuf/util/message_differencer.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/masked_update.h"
#include "services/dialing/api/roster_mapping.h"
#include "services/dialing/domain/agent_roster_rules.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;
using google::protobuf::util::MessageDifferencer;

namespace {

// What Update* may change: everything but ids and output-only fields.
const std::set<std::string> kAgentEditable = {
    "display_name", "employee_number", "user_id",       "center_id",   "agent_group_ids",
    "skills",       "blending_mode",   "direct_line",   "active"};
const std::set<std::string> kGroupEditable = {"display_name", "kind", "center_id",
                                              "supervisor_ids", "blending_policy"};
const std::set<std::string> kSkillEditable = {"display_name", "description"};

absl::Status NotFound(std::string_view what, const std::string& id) {
  return absl::NotFoundError(absl::StrCat(std::string(what), " ", id, " not found"));
}

// Reads resource `id` from `store` into `out`, NOT_FOUND naming `what` when there is none.
template <typename Store, typename Resource>
absl::Status ReadInto(pqxx::work& tx, const Store& store, std::string_view what,
                      const std::string& id, Resource& out) {
  std::optional<Resource> found = store.Find(tx, id);
  if (!found) return NotFound(what, id);
  out = *std::move(found);
  return absl::OkStatus();
}

// Answers a retried create or update with its resource as it stands now.
template <typename Store, typename Resource>
auto ReadBack(const Store& store, std::string_view what, Resource& out) {
  return [&store, what, &out](pqxx::work& tx, const std::string& id) {
    return ReadInto(tx, store, what, id, out);
  };
}

// A retried delete answers as the first did: there is nothing left to read back.
absl::Status Deleted(pqxx::work&, const std::string&) { return absl::OkStatus(); }

bool IsSkillKey(const std::string& key) { return IsSkillId(key); }

// The token names the listing's filter, so one replayed against another filter is refused.
template <typename Request>
std::string ListingKind(std::string_view collection, Request scope) {
  scope.clear_page_size();
  scope.clear_page_token();
  return absl::StrCat(std::string(collection), ":",
                      grpcx::RequestFingerprint(scope).substr(0, 16));
}

}  // namespace

AgentApi::AgentApi(server::ServiceRuntime& runtime, AgentEvents& events)
    : runtime_(runtime), events_(events) {}

// Admins and supervisors manage the roster (R19); every role reads it (names and groups for
// desktops, QA and reports).
absl::Status AgentApi::AuthorizeWrite(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, {Role::kAdmin, Role::kSupervisor}, runtime_.context().region,
                         action);
}

absl::Status AgentApi::AuthorizeRead(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, auth::RoleSet::All(), runtime_.context().region, action);
}

absl::Status AgentApi::Mutate(const std::string& verb, const std::string& request_id,
                              const std::string& fingerprint, const std::string& resource_id,
                              const Replay& replay, const Change& change) {
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request_id.empty()) {
      if (auto earlier = requests_.Find(tx, verb, request_id)) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        return replay(tx, earlier->resource_id);
      }
    }
    if (absl::Status changed = change(tx); !changed.ok()) return changed;
    if (!request_id.empty()) requests_.Save(tx, verb, request_id, {resource_id, fingerprint});
    return absl::OkStatus();
  });
}

absl::Status AgentApi::CheckAgentFits(pqxx::work& tx, const v1::Agent& agent,
                                      const std::string& prefix) const {
  Violations v;
  std::vector<std::string> group_ids(agent.agent_group_ids().begin(),
                                     agent.agent_group_ids().end());
  std::set<std::string> missing_groups;
  for (std::string& id : groups_.Missing(tx, group_ids)) missing_groups.insert(std::move(id));
  for (int i = 0; i < agent.agent_group_ids_size(); ++i) {
    if (missing_groups.count(agent.agent_group_ids(i)) > 0) {
      v.Add(absl::StrCat(prefix, ".agent_group_ids[", i, "]"), "no such agent group");
    }
  }
  std::vector<std::string> skill_ids;
  for (const v1::AgentSkill& skill : agent.skills()) skill_ids.push_back(skill.skill_id());
  std::set<std::string> missing_skills;
  for (std::string& id : skills_.Missing(tx, skill_ids)) missing_skills.insert(std::move(id));
  for (int i = 0; i < agent.skills_size(); ++i) {
    if (missing_skills.count(agent.skills(i).skill_id()) > 0) {
      v.Add(absl::StrCat(prefix, ".skills[", i, "].skill_id"), "no such skill");
    }
  }
  if (!v.empty()) return v.ToStatus("invalid agent");
  if (auto other = agents_.FindByEmployeeNumber(tx, agent.employee_number());
      other && other->agent_id() != agent.agent_id()) {
    return WithReason(absl::AlreadyExistsError(absl::StrCat(
                          "employee number ", agent.employee_number(), " belongs to agent ",
                          other->agent_id())),
                      "EMPLOYEE_NUMBER_TAKEN");
  }
  if (auto other = agents_.FindByUserId(tx, agent.user_id());
      other && other->agent_id() != agent.agent_id()) {
    return WithReason(absl::AlreadyExistsError(absl::StrCat("user ", agent.user_id(),
                                                            " is already agent ",
                                                            other->agent_id())),
                      "USER_ALREADY_AGENT");
  }
  return absl::OkStatus();
}

// ---- Agents ----

absl::Status AgentApi::CreateAgent(const auth::Principal& who,
                                   const v1::CreateAgentRequest& request,
                                   v1::CreateAgentResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create agents"); !allowed.ok()) return allowed;
  Violations v;
  CheckAgent(ToDomain(request.agent()), "agent", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid agent");

  const Clock& clock = runtime_.context().clock;
  // Output-only fields are ignored on input (AIP-203). A new agent is on the roster to work, so
  // it starts active; UpdateAgent retires it.
  v1::Agent agent = request.agent();
  agent.set_agent_id(NewId(clock));
  agent.set_region_id(runtime_.context().region);
  agent.set_active(true);
  *agent.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
  *agent.mutable_update_time() = agent.create_time();
  agent.set_revision(1);
  auto create = [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status fits = CheckAgentFits(tx, agent, "agent"); !fits.ok()) return fits;
    agents_.Insert(tx, agent);
    events_.AgentUpdated(tx, agent);
    *response.mutable_agent() = agent;
    return absl::OkStatus();
  };
  return Mutate("CreateAgent", request.request_id(), grpcx::RequestFingerprint(request),
                agent.agent_id(), ReadBack(agents_, "agent", *response.mutable_agent()), create);
}

absl::Status AgentApi::GetAgent(const auth::Principal& who, const v1::GetAgentRequest& request,
                                v1::GetAgentResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read agents"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.agent_id(), "agent_id", "agent", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return ReadInto(tx, agents_, "agent", request.agent_id(), *response.mutable_agent());
  });
}

absl::Status AgentApi::ListAgents(const auth::Principal& who, const v1::ListAgentsRequest& request,
                                  v1::ListAgentsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read agents"); !allowed.ok()) return allowed;
  Violations v;
  if (!request.agent_group_id().empty()) {
    grpcx::CheckResourceId(request.agent_group_id(), "agent_group_id", "agent group", v);
  }
  if (!request.skill_id().empty() && !IsSkillId(request.skill_id())) {
    v.Add("skill_id", "1 to 64 of a-z, 0-9 and _");
  }
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::string kind = ListingKind("agents", request);
  const std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  const AgentStore::Filter filter{request.agent_group_id(), request.skill_id(),
                                  request.show_inactive()};
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::Agent> page = agents_.List(tx, filter, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::Agent& agent : page) *response.add_agents() = std::move(agent);
    if (more) {
      response.set_next_page_token(
          grpcx::NextPageToken(kind, response.agents(limit - 1).agent_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status AgentApi::UpdateAgent(const auth::Principal& who,
                                   const v1::UpdateAgentRequest& request,
                                   v1::UpdateAgentResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update agents"); !allowed.ok()) return allowed;
  const v1::Agent& in = request.agent();
  {
    Violations v;
    grpcx::CheckResourceId(in.agent_id(), "agent.agent_id", "agent", v);
    grpcx::CheckRequestId(request.request_id(), v);
    CheckUpdateMask(request.update_mask(), kAgentEditable, v);
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  auto update = [&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Agent> before = agents_.Find(tx, in.agent_id(), /*for_update=*/true);
    if (!before) return NotFound("agent", in.agent_id());
    if (in.revision() != 0 && in.revision() != before->revision()) {
      return grpcx::RevisionMismatch(in.revision(), before->revision(), "agent");
    }
    v1::Agent after = *before;
    MergeMasked(in, request.update_mask(), after);
    Violations v;
    CheckAgent(ToDomain(after), "agent", v);
    if (!v.empty()) return v.ToStatus("invalid agent");
    if (absl::Status fits = CheckAgentFits(tx, after, "agent"); !fits.ok()) return fits;
    if (MessageDifferencer::Equals(after, *before)) {
      *response.mutable_agent() = *std::move(before);  // nothing changed
      return absl::OkStatus();
    }
    // An agent made inactive keeps an open session until it ends; only new logins are refused.
    after.set_revision(before->revision() + 1);
    *after.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
    agents_.Update(tx, after);
    events_.AgentUpdated(tx, after);
    *response.mutable_agent() = std::move(after);
    return absl::OkStatus();
  };
  return Mutate("UpdateAgent", request.request_id(), grpcx::RequestFingerprint(request),
                in.agent_id(), ReadBack(agents_, "agent", *response.mutable_agent()), update);
}

// ---- Agent groups ----

absl::Status AgentApi::CreateAgentGroup(const auth::Principal& who,
                                        const v1::CreateAgentGroupRequest& request,
                                        v1::CreateAgentGroupResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create agent groups"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckAgentGroup(ToDomain(request.agent_group()), "agent_group", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid agent group");

  const Clock& clock = runtime_.context().clock;
  v1::AgentGroup group = request.agent_group();
  group.set_agent_group_id(NewId(clock));
  *group.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
  *group.mutable_update_time() = group.create_time();
  group.set_revision(1);
  auto create = [&](pqxx::work& tx) -> absl::Status {
    groups_.Insert(tx, group);
    *response.mutable_agent_group() = group;
    return absl::OkStatus();
  };
  return Mutate("CreateAgentGroup", request.request_id(), grpcx::RequestFingerprint(request),
                group.agent_group_id(),
                ReadBack(groups_, "agent group", *response.mutable_agent_group()), create);
}

absl::Status AgentApi::GetAgentGroup(const auth::Principal& who,
                                     const v1::GetAgentGroupRequest& request,
                                     v1::GetAgentGroupResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read agent groups"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.agent_group_id(), "agent_group_id", "agent group", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return ReadInto(tx, groups_, "agent group", request.agent_group_id(),
                    *response.mutable_agent_group());
  });
}

absl::Status AgentApi::ListAgentGroups(const auth::Principal& who,
                                       const v1::ListAgentGroupsRequest& request,
                                       v1::ListAgentGroupsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read agent groups"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::string kind = ListingKind("agent_groups", request);
  const std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::AgentGroup> page = groups_.List(tx, request.center_id(), *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::AgentGroup& group : page) *response.add_agent_groups() = std::move(group);
    if (more) {
      response.set_next_page_token(
          grpcx::NextPageToken(kind, response.agent_groups(limit - 1).agent_group_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status AgentApi::UpdateAgentGroup(const auth::Principal& who,
                                        const v1::UpdateAgentGroupRequest& request,
                                        v1::UpdateAgentGroupResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update agent groups"); !allowed.ok()) {
    return allowed;
  }
  const v1::AgentGroup& in = request.agent_group();
  {
    Violations v;
    grpcx::CheckResourceId(in.agent_group_id(), "agent_group.agent_group_id", "agent group", v);
    grpcx::CheckRequestId(request.request_id(), v);
    CheckUpdateMask(request.update_mask(), kGroupEditable, v);
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  auto update = [&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::AgentGroup> before =
        groups_.Find(tx, in.agent_group_id(), /*for_update=*/true);
    if (!before) return NotFound("agent group", in.agent_group_id());
    if (in.revision() != 0 && in.revision() != before->revision()) {
      return grpcx::RevisionMismatch(in.revision(), before->revision(), "agent group");
    }
    v1::AgentGroup after = *before;
    MergeMasked(in, request.update_mask(), after);
    Violations v;
    CheckAgentGroup(ToDomain(after), "agent_group", v);
    if (!v.empty()) return v.ToStatus("invalid agent group");
    if (MessageDifferencer::Equals(after, *before)) {
      *response.mutable_agent_group() = *std::move(before);
      return absl::OkStatus();
    }
    after.set_revision(before->revision() + 1);
    *after.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
    groups_.Update(tx, after);
    *response.mutable_agent_group() = std::move(after);
    return absl::OkStatus();
  };
  return Mutate("UpdateAgentGroup", request.request_id(), grpcx::RequestFingerprint(request),
                in.agent_group_id(),
                ReadBack(groups_, "agent group", *response.mutable_agent_group()), update);
}

absl::Status AgentApi::DeleteAgentGroup(const auth::Principal& who,
                                        const v1::DeleteAgentGroupRequest& request,
                                        v1::DeleteAgentGroupResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete agent groups"); !allowed.ok()) {
    return allowed;
  }
  {
    Violations v;
    grpcx::CheckResourceId(request.agent_group_id(), "agent_group_id", "agent group", v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (!v.empty()) return v.ToStatus();
  }
  auto remove = [&](pqxx::work& tx) -> absl::Status {
    if (!groups_.Find(tx, request.agent_group_id(), /*for_update=*/true)) {
      return NotFound("agent group", request.agent_group_id());
    }
    // Only agents can reference a group so far; campaigns and queues will once dialing keeps
    // their projection (issue 5).
    if (agents_.AnyInGroup(tx, request.agent_group_id())) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "agent group ", request.agent_group_id(),
                            " still has agents: move them to another group first")),
                        "AGENT_GROUP_IN_USE");
    }
    groups_.Delete(tx, request.agent_group_id());
    return absl::OkStatus();
  };
  return Mutate("DeleteAgentGroup", request.request_id(), grpcx::RequestFingerprint(request),
                request.agent_group_id(), Deleted, remove);
}

// ---- Skills ----

absl::Status AgentApi::CreateSkill(const auth::Principal& who,
                                   const v1::CreateSkillRequest& request,
                                   v1::CreateSkillResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create skills"); !allowed.ok()) return allowed;
  Violations v;
  CheckSkill(ToDomain(request.skill()), "skill", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid skill");

  v1::Skill skill = request.skill();
  *skill.mutable_create_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
  auto create = [&](pqxx::work& tx) -> absl::Status {
    if (skills_.Find(tx, skill.skill_id())) {
      return absl::AlreadyExistsError(absl::StrCat("skill ", skill.skill_id(), " exists"));
    }
    skills_.Insert(tx, skill);
    *response.mutable_skill() = skill;
    return absl::OkStatus();
  };
  return Mutate("CreateSkill", request.request_id(), grpcx::RequestFingerprint(request),
                skill.skill_id(), ReadBack(skills_, "skill", *response.mutable_skill()), create);
}

absl::Status AgentApi::GetSkill(const auth::Principal& who, const v1::GetSkillRequest& request,
                                v1::GetSkillResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read skills"); !allowed.ok()) return allowed;
  if (!IsSkillId(request.skill_id())) {
    return InvalidField("skill_id", "1 to 64 of a-z, 0-9 and _");
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return ReadInto(tx, skills_, "skill", request.skill_id(), *response.mutable_skill());
  });
}

absl::Status AgentApi::ListSkills(const auth::Principal& who, const v1::ListSkillsRequest& request,
                                  v1::ListSkillsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read skills"); !allowed.ok()) return allowed;
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::optional<std::string> after =
      grpcx::PageCursor(request.page_token(), "skills", v, IsSkillKey);
  if (!v.empty()) return v.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::Skill> page = skills_.List(tx, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::Skill& skill : page) *response.add_skills() = std::move(skill);
    if (more) {
      response.set_next_page_token(
          grpcx::NextPageToken("skills", response.skills(limit - 1).skill_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status AgentApi::UpdateSkill(const auth::Principal& who,
                                   const v1::UpdateSkillRequest& request,
                                   v1::UpdateSkillResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update skills"); !allowed.ok()) return allowed;
  const v1::Skill& in = request.skill();
  {
    Violations v;
    if (!IsSkillId(in.skill_id())) v.Add("skill.skill_id", "1 to 64 of a-z, 0-9 and _");
    grpcx::CheckRequestId(request.request_id(), v);
    CheckUpdateMask(request.update_mask(), kSkillEditable, v);
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  // Skills carry no revision (agent.proto): a last writer wins on a name or description.
  auto update = [&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Skill> before = skills_.Find(tx, in.skill_id(), /*for_update=*/true);
    if (!before) return NotFound("skill", in.skill_id());
    v1::Skill after = *before;
    MergeMasked(in, request.update_mask(), after);
    Violations v;
    CheckSkill(ToDomain(after), "skill", v);
    if (!v.empty()) return v.ToStatus("invalid skill");
    skills_.Update(tx, after);
    *response.mutable_skill() = std::move(after);
    return absl::OkStatus();
  };
  return Mutate("UpdateSkill", request.request_id(), grpcx::RequestFingerprint(request),
                in.skill_id(), ReadBack(skills_, "skill", *response.mutable_skill()), update);
}

absl::Status AgentApi::DeleteSkill(const auth::Principal& who,
                                   const v1::DeleteSkillRequest& request,
                                   v1::DeleteSkillResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete skills"); !allowed.ok()) return allowed;
  {
    Violations v;
    if (!IsSkillId(request.skill_id())) v.Add("skill_id", "1 to 64 of a-z, 0-9 and _");
    grpcx::CheckRequestId(request.request_id(), v);
    if (!v.empty()) return v.ToStatus();
  }
  auto remove = [&](pqxx::work& tx) -> absl::Status {
    if (!skills_.Find(tx, request.skill_id(), /*for_update=*/true)) {
      return NotFound("skill", request.skill_id());
    }
    // Only agents can reference a skill so far; campaigns and queues will (issue 5).
    if (agents_.AnyWithSkill(tx, request.skill_id())) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "skill ", request.skill_id(),
                            " is held by agents: remove it from them first")),
                        "SKILL_IN_USE");
    }
    skills_.Delete(tx, request.skill_id());
    return absl::OkStatus();
  };
  return Mutate("DeleteSkill", request.request_id(), grpcx::RequestFingerprint(request),
                request.skill_id(), Deleted, remove);
}

}  // namespace tmk::dialing
