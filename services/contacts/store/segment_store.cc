#include "services/contacts/store/segment_store.h"

#include <google/protobuf/util/time_util.h>

#include <functional>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;
using segment::CompareOp;
using segment::FieldId;
using segment::FilterNode;
using segment::Value;

namespace {

// ---------------------------------------------------------------------------------------------
// Filter → SQL. Every value, key and number from the filter is a bind parameter; only column
// names and operators chosen from fixed tables are spelled into the text.

class SqlBuilder {
 public:
  SqlBuilder(std::string at, int first_param) : at_(std::move(at)), first_(first_param) {}

  absl::StatusOr<std::string> Node(const FilterNode& node) {
    switch (node.kind) {
      case FilterNode::Kind::kAnd:
      case FilterNode::Kind::kOr: {
        if (node.children.empty()) return absl::InvalidArgumentError("empty AND/OR");
        std::vector<std::string> parts;
        for (const FilterNode& child : node.children) {
          absl::StatusOr<std::string> part = Node(child);
          if (!part.ok()) return part.status();
          parts.push_back(*std::move(part));
        }
        return absl::StrCat(
            "(", absl::StrJoin(parts, node.kind == FilterNode::Kind::kAnd ? " AND " : " OR "), ")");
      }
      case FilterNode::Kind::kNot: {
        if (node.children.size() != 1) return absl::InvalidArgumentError("NOT needs one operand");
        absl::StatusOr<std::string> inner = Node(node.children.front());
        if (!inner.ok()) return inner.status();
        return absl::StrCat("(NOT ", *inner, ")");
      }
      case FilterNode::Kind::kHasTag:
        if (node.values.size() != 1) return absl::InvalidArgumentError("has_tag needs one tag");
        return absl::StrCat("(c.tags @> ARRAY[", Bind(node.values[0].text), "::text])");
      case FilterNode::Kind::kHasPhone: {
        std::string sql =
            "EXISTS (SELECT 1 FROM contact_points p WHERE p.customer_id = c.customer_id"
            " AND p.type IN (1, 2)";
        if (node.phone_type != 0) {
          absl::StrAppend(&sql, " AND p.type = ", Bind(absl::StrCat(node.phone_type)), "::smallint");
        }
        if (node.phone_status != 0) {
          absl::StrAppend(&sql, " AND p.status = ", Bind(absl::StrCat(node.phone_status)),
                          "::smallint");
        } else {
          sql += " AND p.status IN (1, 2)";  // callable: UNVERIFIED or VALID
        }
        return sql + ")";
      }
      case FilterNode::Kind::kCompare:
      case FilterNode::Kind::kIn:
        return Condition(node);
    }
    return absl::InvalidArgumentError("unknown filter node");
  }

  std::vector<std::string> TakeParams() { return std::move(params_); }

 private:
  std::string Bind(std::string value) {
    params_.push_back(std::move(value));
    return absl::StrCat("$", first_ + static_cast<int>(params_.size()) - 1);
  }
  std::string At() {
    if (at_ref_.empty()) at_ref_ = absl::StrCat(Bind(at_), "::timestamptz");
    return at_ref_;
  }

  // The filter language's operators are PostgreSQL's too ("!=" included).
  static std::string Op(CompareOp op) { return std::string(segment::OpText(op)); }

  // `lhs op $n::cast`, or `lhs IN ($a::cast, …)`.
  std::string Test(const FilterNode& node, const std::string& lhs, const std::string& cast,
                   const std::function<std::string(const Value&)>& text) {
    if (node.kind == FilterNode::Kind::kIn) {
      std::vector<std::string> refs;
      for (const Value& v : node.values) refs.push_back(Bind(text(v)) + cast);
      return absl::StrCat(lhs, " IN (", absl::StrJoin(refs, ", "), ")");
    }
    return absl::StrCat(lhs, " ", Op(node.op), " ", Bind(text(node.values.front())), cast);
  }

  absl::StatusOr<std::string> Condition(const FilterNode& node) {
    if (node.values.empty()) return absl::InvalidArgumentError("comparison without a value");
    auto as_text = [](const Value& v) { return v.text; };
    auto as_integer = [](const Value& v) { return absl::StrCat(v.integer); };
    auto as_enum = [](const Value& v) { return absl::StrCat(v.enum_number); };
    auto as_bool = [](const Value& v) { return std::string(v.boolean ? "true" : "false"); };
    bool ordered = node.kind == FilterNode::Kind::kCompare && node.op != CompareOp::kEq &&
                   node.op != CompareOp::kNe;
    switch (node.field.id) {
      case FieldId::kCustomerId:
        return "(" + Test(node, "c.customer_id::text", "", as_text) + ")";
      case FieldId::kRegionId:
        return "(" + Test(node, "c.region_id", "", as_text) + ")";
      case FieldId::kExternalId:
        return "(" + Test(node, "c.external_id", "", as_text) + ")";
      case FieldId::kOccupation:
        return "(" + Test(node, "c.occupation", "", as_text) + ")";
      case FieldId::kCompanyName:
        return "(" + Test(node, "c.company_name", "", as_text) + ")";
      case FieldId::kProvinceCode:
        return "(" + Test(node, "c.province_code", "", as_text) + ")";
      case FieldId::kCityCode:
        return "(" + Test(node, "c.city_code", "", as_text) + ")";
      case FieldId::kDistrictCode:
        return "(" + Test(node, "c.district_code", "", as_text) + ")";
      case FieldId::kGender:
      case FieldId::kMaritalStatus:
      case FieldId::kIncomeBand:
      case FieldId::kKind:
      case FieldId::kVipTier: {
        std::string column = absl::StrCat("c.", std::string(node.field.info->name));
        std::string test = Test(node, column, "::smallint", as_enum);
        // An unrecorded value (UNSPECIFIED) is neither above nor below any tier or band.
        return ordered ? absl::StrCat("(", column, " <> 0 AND ", test, ")") : "(" + test + ")";
      }
      case FieldId::kBirthYear:
        return "COALESCE(" + Test(node, "c.birth_year", "::int", as_integer) + ", false)";
      case FieldId::kAge:
        // Age in whole years from the birth year, at the evaluation instant (UTC calendar).
        return "COALESCE(" +
               Test(node,
                    absl::StrCat("(extract(year from (", At(),
                                 " AT TIME ZONE 'UTC'))::int - c.birth_year)"),
                    "::int", as_integer) +
               ", false)";
      case FieldId::kCreateTime:
        return "(" + Test(node, "c.create_time", "::timestamptz", as_text) + ")";
      case FieldId::kUpdateTime:
        return "(" + Test(node, "c.update_time", "::timestamptz", as_text) + ")";
      case FieldId::kAttribute: {
        std::string key = Bind(node.field.attribute_key) + "::text";
        switch (node.values.front().kind) {
          case Value::Kind::kString:
            return absl::StrCat("COALESCE(CASE WHEN jsonb_typeof(c.attributes -> ", key,
                                ") = 'string' THEN ",
                                Test(node, absl::StrCat("(c.attributes ->> ", key, ") COLLATE \"C\""),
                                     "::text", as_text),
                                " END, false)");
          case Value::Kind::kDecimal:
            return absl::StrCat(
                "COALESCE(CASE WHEN jsonb_typeof(c.attributes -> ", key, ") = 'number' THEN ",
                Test(node, absl::StrCat("(c.attributes ->> ", key, ")::numeric"), "::numeric",
                     as_text),
                " END, false)");
          case Value::Kind::kBool:
            return absl::StrCat(
                "COALESCE(CASE WHEN jsonb_typeof(c.attributes -> ", key, ") = 'boolean' THEN ",
                Test(node, absl::StrCat("(c.attributes ->> ", key, ")::boolean"), "::boolean",
                     as_bool),
                " END, false)");
          default:
            return absl::InvalidArgumentError("attributes take strings, numbers or booleans");
        }
      }
      case FieldId::kConsent: {
        // The latest decision by HLC (as 0002's callable_contact_points reads it): 1 granted and
        // unexpired, 2 withdrawn, otherwise 3 absent (no decision, or an expired grant).
        std::string at = At();
        std::string state = absl::StrCat(
            "COALESCE((SELECT CASE WHEN k.state = 1 AND (k.expire_time IS NULL OR k.expire_time > ",
            at, ") THEN 1 WHEN k.state = 2 THEN 2 ELSE 3 END FROM consents k"
            " WHERE k.customer_id = c.customer_id AND k.channel = ",
            Bind(absl::StrCat(node.field.consent_channel)), "::smallint AND k.purpose = ",
            Bind(absl::StrCat(node.field.consent_purpose)),
            "::smallint AND k.effective_time <= ", at,
            " ORDER BY k.hlc_wall_millis DESC, k.hlc_logical DESC, k.hlc_node DESC LIMIT 1), 3)");
        return "(" + Test(node, state, "::int", as_enum) + ")";
      }
    }
    return absl::InvalidArgumentError("unknown field");
  }

  std::string at_;
  int first_;
  std::string at_ref_;
  std::vector<std::string> params_;
};

std::string Micros(const std::string& column) {
  return absl::StrCat("(extract(epoch from ", column, ") * 1000000)::bigint");
}

google::protobuf::Timestamp FromMicros(const pqxx::field& f) {
  return TimeUtil::MicrosecondsToTimestamp(f.as<long long>());
}

const std::string& SegmentColumns() {
  static const std::string* columns = new std::string(absl::StrCat(
      "segment_id::text, region_id, display_name, description, filter, normalized_filter,"
      " creator_id, creator_role, version, COALESCE(last_list_id::text, ''), last_member_count, ",
      Micros("create_time"), ", ", Micros("update_time"), ", delete_time IS NOT NULL"));
  return *columns;
}

v1::Segment SegmentFrom(const pqxx::row& row) {
  v1::Segment s;
  s.set_segment_id(row[0].as<std::string>());
  s.set_region_id(row[1].as<std::string>());
  s.set_display_name(row[2].as<std::string>());
  s.set_description(row[3].as<std::string>());
  s.set_filter(row[4].as<std::string>());
  s.set_normalized_filter(row[5].as<std::string>());
  s.mutable_creator()->set_actor_id(row[6].as<std::string>());
  s.mutable_creator()->set_role(static_cast<telemarketing::common::v1::Role>(row[7].as<int>()));
  s.mutable_creator()->set_region_id(row[1].as<std::string>());
  s.set_etag(row[8].as<std::string>());
  s.set_last_list_id(row[9].as<std::string>());
  s.set_last_member_count(row[10].as<long long>());
  *s.mutable_create_time() = FromMicros(row[11]);
  *s.mutable_update_time() = FromMicros(row[12]);
  return s;
}

const std::string& ListColumns() {
  static const std::string* columns = new std::string(absl::StrCat(
      "list_id::text, region_id, display_name, origin, COALESCE(segment_id::text, ''), filter,"
      " import_job_id, state, member_count, excluded_not_callable_count, purpose, channel,"
      " creator_id, creator_role, ",
      Micros("create_time"), ", ", Micros("snapshot_time")));
  return *columns;
}

v1::ContactList ListFrom(const pqxx::row& row) {
  v1::ContactList l;
  l.set_list_id(row[0].as<std::string>());
  l.set_region_id(row[1].as<std::string>());
  l.set_display_name(row[2].as<std::string>());
  l.set_origin(static_cast<v1::ContactListOrigin>(row[3].as<int>()));
  l.set_segment_id(row[4].as<std::string>());
  l.set_filter(row[5].as<std::string>());
  l.set_import_job_id(row[6].as<std::string>());
  l.set_state(static_cast<v1::ContactListState>(row[7].as<int>()));
  l.set_member_count(row[8].as<long long>());
  l.set_excluded_not_callable_count(row[9].as<long long>());
  l.set_purpose(static_cast<telemarketing::common::v1::ContactPurpose>(row[10].as<int>()));
  l.set_channel(static_cast<telemarketing::common::v1::ContactChannel>(row[11].as<int>()));
  l.mutable_creator()->set_actor_id(row[12].as<std::string>());
  l.mutable_creator()->set_role(static_cast<telemarketing::common::v1::Role>(row[13].as<int>()));
  l.mutable_creator()->set_region_id(row[1].as<std::string>());
  *l.mutable_create_time() = FromMicros(row[14]);
  *l.mutable_snapshot_time() = FromMicros(row[15]);
  return l;
}

}  // namespace

absl::StatusOr<SqlCondition> CompileSegmentFilter(const FilterNode& root, const std::string& at,
                                                  int first_param) {
  SqlBuilder builder(at, first_param);
  absl::StatusOr<std::string> sql = builder.Node(root);
  if (!sql.ok()) return sql.status();
  return SqlCondition{*std::move(sql), builder.TakeParams()};
}

std::optional<SegmentStore::Request> SegmentStore::FindRequest(pqxx::work& tx,
                                                               const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT method, fingerprint, result_id FROM segment_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return Request{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                 rows[0][2].as<std::string>()};
}

void SegmentStore::SaveRequest(pqxx::work& tx, const std::string& request_id,
                               const Request& request) const {
  tx.exec_params(
      "INSERT INTO segment_requests (request_id, method, fingerprint, result_id)"
      " VALUES ($1, $2, $3, $4)",
      request_id, request.method, request.fingerprint, request.result_id);
}

void SegmentStore::InsertSegment(pqxx::work& tx, const v1::Segment& s) const {
  tx.exec_params(
      "INSERT INTO segments (segment_id, region_id, display_name, description, filter,"
      " normalized_filter, creator_id, creator_role, version, create_time, update_time)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, 1, $9::timestamptz, $9::timestamptz)",
      s.segment_id(), s.region_id(), s.display_name(), s.description(), s.filter(),
      s.normalized_filter(), s.creator().actor_id(), static_cast<int>(s.creator().role()),
      TimeUtil::ToString(s.create_time()));
}

std::optional<SegmentStore::StoredSegment> SegmentStore::FindSegment(
    pqxx::work& tx, const std::string& segment_id, bool for_update) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", SegmentColumns(), " FROM segments WHERE segment_id = $1::uuid",
                   for_update ? " FOR UPDATE" : ""),
      segment_id);
  if (rows.empty()) return std::nullopt;
  return StoredSegment{SegmentFrom(rows[0]), rows[0][13].as<bool>()};
}

std::vector<v1::Segment> SegmentStore::ListSegments(pqxx::work& tx, const std::string& after_id,
                                                    int limit) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", SegmentColumns(),
                   " FROM segments WHERE delete_time IS NULL"
                   " AND ($1 = '' OR segment_id < NULLIF($1, '')::uuid)"
                   " ORDER BY segment_id DESC LIMIT $2"),
      after_id, limit);
  std::vector<v1::Segment> out;
  for (const auto& row : rows) out.push_back(SegmentFrom(row));
  return out;
}

void SegmentStore::UpdateSegment(pqxx::work& tx, const v1::Segment& s) const {
  tx.exec_params(
      "UPDATE segments SET display_name = $2, description = $3, filter = $4,"
      " normalized_filter = $5, update_time = $6::timestamptz, version = version + 1"
      " WHERE segment_id = $1::uuid",
      s.segment_id(), s.display_name(), s.description(), s.filter(), s.normalized_filter(),
      TimeUtil::ToString(s.update_time()));
}

void SegmentStore::DeleteSegment(pqxx::work& tx, const std::string& segment_id,
                                 const std::string& at) const {
  tx.exec_params(
      "UPDATE segments SET delete_time = $2::timestamptz, version = version + 1"
      " WHERE segment_id = $1::uuid AND delete_time IS NULL",
      segment_id, at);
}

long long SegmentStore::CountMatches(pqxx::work& tx, const SqlCondition& condition) const {
  pqxx::result rows =
      tx.exec_params("SELECT count(*) FROM customers c WHERE " + condition.sql,
                     pqxx::prepare::make_dynamic_params(condition.params));
  return rows[0][0].as<long long>();
}

v1::ContactList SegmentStore::Evaluate(pqxx::work& tx, const Evaluation& e,
                                       const FilterNode& filter) const {
  tx.exec_params(
      "INSERT INTO contact_lists (list_id, region_id, display_name, origin, segment_id, filter,"
      " state, purpose, channel, campaign_id, creator_id, creator_role, create_time,"
      " snapshot_time)"
      " VALUES ($1::uuid, $2, $3, 1, $4::uuid, $5, 1, $6, $7, $8, $9, $10, $11::timestamptz,"
      " $11::timestamptz)",
      e.list_id, e.region_id, e.display_name, e.segment_id, e.normalized_filter, e.purpose,
      e.channel, e.campaign_id, e.creator_id, e.creator_role, e.at);

  // $1 list, $2 purpose, $3 channel, $4 campaign, $5 at; the filter's parameters follow.
  std::vector<std::string> params{e.list_id, absl::StrCat(e.purpose), absl::StrCat(e.channel),
                                  e.campaign_id, e.at};
  absl::StatusOr<SqlCondition> condition =
      CompileSegmentFilter(filter, e.at, static_cast<int>(params.size()) + 1);
  if (!condition.ok()) {
    throw std::invalid_argument(absl::StrCat("segment filter does not compile: ",
                                             condition.status().message()));
  }
  params.insert(params.end(), condition->params.begin(), condition->params.end());
  std::string phones =
      e.purpose != 0
          ? "SELECT k.customer_id, array_agg(k.contact_point_id ORDER BY p.is_primary DESC,"
            " p.position) AS ids"
            " FROM callable_contact_points($2::smallint, $3::smallint, $4, $5::timestamptz) k"
            " JOIN contact_points p ON p.contact_point_id = k.contact_point_id"
            " WHERE k.customer_id IN (SELECT customer_id FROM matched) GROUP BY k.customer_id"
          : "SELECT p.customer_id, array_agg(p.contact_point_id ORDER BY p.is_primary DESC,"
            " p.position) AS ids FROM contact_points p"
            " WHERE p.type IN (1, 2) AND p.customer_id IN (SELECT customer_id FROM matched)"
            " GROUP BY p.customer_id";
  std::string join = e.purpose != 0 ? "JOIN phones k ON k.customer_id = m.customer_id"
                                    : "LEFT JOIN phones k ON k.customer_id = m.customer_id";
  // The $2..$5 references keep their types stable even when unused (no purpose).
  std::string sql = absl::StrCat(
      "WITH unused AS (SELECT $2::smallint, $3::smallint, $4::text, $5::timestamptz),"
      " matched AS (SELECT c.customer_id, c.region_id FROM customers c WHERE ",
      condition->sql,
      "), phones AS (", phones,
      "), inserted AS (INSERT INTO contact_list_members (list_id, customer_id, region_id,"
      " contact_point_ids) SELECT $1::uuid, m.customer_id, m.region_id,"
      " COALESCE(k.ids, '{}') FROM matched m ",
      join,
      " RETURNING 1)"
      " SELECT (SELECT count(*) FROM matched), (SELECT count(*) FROM inserted)");
  pqxx::result counts = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  long long matched = counts[0][0].as<long long>();
  long long members = counts[0][1].as<long long>();
  tx.exec_params(
      "UPDATE contact_lists SET state = 2, member_count = $2, excluded_not_callable_count = $3"
      " WHERE list_id = $1::uuid",
      e.list_id, members, matched - members);
  tx.exec_params(
      "UPDATE segments SET last_list_id = $2::uuid, last_member_count = $3"
      " WHERE segment_id = $1::uuid",
      e.segment_id, e.list_id, members);
  return *FindList(tx, e.list_id);
}

std::optional<v1::ContactList> SegmentStore::FindList(pqxx::work& tx,
                                                      const std::string& list_id) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", ListColumns(), " FROM contact_lists WHERE list_id = $1::uuid"),
      list_id);
  if (rows.empty()) return std::nullopt;
  return ListFrom(rows[0]);
}

std::vector<v1::ContactList> SegmentStore::ListLists(pqxx::work& tx, const std::string& segment_id,
                                                     const std::string& after_id, int limit) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", ListColumns(),
                   " FROM contact_lists WHERE ($1 = '' OR segment_id = NULLIF($1, '')::uuid)"
                   " AND ($2 = '' OR list_id < NULLIF($2, '')::uuid)"
                   " ORDER BY list_id DESC LIMIT $3"),
      segment_id, after_id, limit);
  std::vector<v1::ContactList> out;
  for (const auto& row : rows) out.push_back(ListFrom(row));
  return out;
}

std::vector<v1::ContactListMember> SegmentStore::ListMembers(pqxx::work& tx,
                                                             const std::string& list_id,
                                                             const std::string& after_customer_id,
                                                             int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, region_id, array_to_string(contact_point_ids, ',')"
      " FROM contact_list_members WHERE list_id = $1::uuid"
      " AND ($2 = '' OR customer_id > NULLIF($2, '')::uuid)"
      " ORDER BY customer_id LIMIT $3",
      list_id, after_customer_id, limit);
  std::vector<v1::ContactListMember> out;
  for (const auto& row : rows) {
    v1::ContactListMember m;
    m.set_customer_id(row[0].as<std::string>());
    m.set_region_id(row[1].as<std::string>());
    std::string ids = row[2].as<std::string>();
    size_t start = 0;
    while (start < ids.size()) {
      size_t comma = ids.find(',', start);
      if (comma == std::string::npos) comma = ids.size();
      m.add_contact_point_ids(ids.substr(start, comma - start));
      start = comma + 1;
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool SegmentStore::DeleteList(pqxx::work& tx, const std::string& list_id) const {
  pqxx::result rows = tx.exec_params(
      "DELETE FROM contact_lists WHERE list_id = $1::uuid RETURNING 1", list_id);
  return !rows.empty();
}

}  // namespace tmk::contacts
