#pragma once
// A contact list of the customers a test tagged (R8): a segment filtering on the tag, evaluated
// for a purpose, as end-to-end tests build their lists through the running suite.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/support/test_env.h"

namespace tmk::testing {

// The list's id: segment `name` over has_tag(`tag`), evaluated for `purpose`, each call made in a
// context from `as` (a supervisor's).
inline std::string TaggedList(
    telemarketing::contacts::v1::ContactsService::Stub& contacts,
    const std::function<std::unique_ptr<grpc::ClientContext>()>& as, const std::string& tag,
    const std::string& name, telemarketing::common::v1::ContactPurpose purpose) {
  namespace contacts_v1 = telemarketing::contacts::v1;
  contacts_v1::CreateSegmentRequest segment;
  segment.set_request_id(UniqueName("req"));
  segment.mutable_segment()->set_display_name(name);
  segment.mutable_segment()->set_filter("has_tag(\"" + tag + "\")");
  contacts_v1::CreateSegmentResponse created;
  grpc::Status status = contacts.CreateSegment(as().get(), segment, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  contacts_v1::EvaluateSegmentRequest evaluate;
  evaluate.set_request_id(UniqueName("req"));
  evaluate.set_segment_id(created.segment().segment_id());
  evaluate.set_purpose(purpose);
  contacts_v1::EvaluateSegmentResponse evaluated;
  status = contacts.EvaluateSegment(as().get(), evaluate, &evaluated);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return evaluated.contact_list().list_id();
}

}  // namespace tmk::testing
