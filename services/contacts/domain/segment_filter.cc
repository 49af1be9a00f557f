#include "services/contacts/domain/segment_filter.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts::segment {

std::string_view OpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

std::string FilterError::Describe() const {
  return absl::StrCat("column ", position + 1, ": ", message);
}

namespace {

// ---------------------------------------------------------------------------------------------
// Lexer

struct Token {
  enum class Kind { kIdent, kString, kNumber, kLParen, kRParen, kComma, kDot, kOp, kEnd };
  Kind kind;
  size_t position;
  std::string text;  // identifier, unescaped string, number as written, operator
};

constexpr int kMaxNumberDigits = 30;
constexpr size_t kMaxStringLength = 256;

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Returns false and fills `error` on the first character that cannot start a token.
bool Lex(std::string_view in, std::vector<Token>& out, FilterError& error) {
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    size_t start = i;
    if (IsIdentStart(c)) {
      while (i < in.size() && IsIdentChar(in[i])) ++i;
      out.push_back({Token::Kind::kIdent, start, std::string(in.substr(start, i - start))});
    } else if (IsDigit(c) || (c == '-' && i + 1 < in.size() && IsDigit(in[i + 1]))) {
      if (c == '-') ++i;
      int digits = 0;
      while (i < in.size() && IsDigit(in[i])) ++i, ++digits;
      if (i < in.size() && in[i] == '.') {
        ++i;
        if (i >= in.size() || !IsDigit(in[i])) {
          error = {i, "a number needs digits after '.'"};
          return false;
        }
        while (i < in.size() && IsDigit(in[i])) ++i, ++digits;
      }
      if (i < in.size() && IsIdentChar(in[i])) {
        error = {i, "unexpected character after a number"};
        return false;
      }
      if (digits > kMaxNumberDigits) {
        error = {start, absl::StrCat("a number may have at most ", kMaxNumberDigits, " digits")};
        return false;
      }
      out.push_back({Token::Kind::kNumber, start, std::string(in.substr(start, i - start))});
    } else if (c == '"') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < in.size()) {
        char d = in[i];
        if (d == '"') {
          closed = true;
          ++i;
          break;
        }
        if (d == '\\') {
          if (i + 1 < in.size() && (in[i + 1] == '"' || in[i + 1] == '\\')) {
            text += in[i + 1];
            i += 2;
            continue;
          }
          error = {i, "only \\\" and \\\\ are escapes in a string"};
          return false;
        }
        if (static_cast<unsigned char>(d) < 0x20 || d == 0x7f) {
          error = {i, "control characters are not allowed in a string"};
          return false;
        }
        text += d;
        ++i;
      }
      if (!closed) {
        error = {start, "unterminated string"};
        return false;
      }
      if (text.size() > kMaxStringLength) {
        error = {start, absl::StrCat("a string may have at most ", kMaxStringLength, " bytes")};
        return false;
      }
      out.push_back({Token::Kind::kString, start, std::move(text)});
    } else if (c == '(') {
      out.push_back({Token::Kind::kLParen, start, "("});
      ++i;
    } else if (c == ')') {
      out.push_back({Token::Kind::kRParen, start, ")"});
      ++i;
    } else if (c == ',') {
      out.push_back({Token::Kind::kComma, start, ","});
      ++i;
    } else if (c == '.') {
      out.push_back({Token::Kind::kDot, start, "."});
      ++i;
    } else if (c == '=') {
      out.push_back({Token::Kind::kOp, start, "="});
      ++i;
    } else if (c == '!' && i + 1 < in.size() && in[i + 1] == '=') {
      out.push_back({Token::Kind::kOp, start, "!="});
      i += 2;
    } else if (c == '<' || c == '>') {
      bool eq = i + 1 < in.size() && in[i + 1] == '=';
      out.push_back({Token::Kind::kOp, start, eq ? std::string(1, c) + "=" : std::string(1, c)});
      i += eq ? 2 : 1;
    } else {
      std::string shown = std::isprint(static_cast<unsigned char>(c))
                              ? absl::StrCat("'", std::string(1, c), "'")
                              : absl::StrCat("byte 0x", absl::Hex(static_cast<unsigned char>(c)));
      error = {start, absl::StrCat("unexpected character ", shown,
                                   c == '\'' ? " (strings use double quotes)" : "")};
      return false;
    }
  }
  out.push_back({Token::Kind::kEnd, in.size(), ""});
  return true;
}

// ---------------------------------------------------------------------------------------------
// Parser

bool IsKeyword(const Token& t, std::string_view word) {
  return t.kind == Token::Kind::kIdent && absl::EqualsIgnoreCase(t.text, std::string(word));
}

bool IsReserved(const Token& t) {
  for (std::string_view w : {"AND", "OR", "NOT", "IN", "TRUE", "FALSE"}) {
    if (IsKeyword(t, w)) return true;
  }
  return false;
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case Token::Kind::kEnd:
      return "the end of the filter";
    case Token::Kind::kString:
      return "a string";
    case Token::Kind::kNumber:
      return absl::StrCat("number ", t.text);
    default:
      return absl::StrCat("'", t.text, "'");
  }
}

bool IsTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 64) return false;
  for (char c : tag) {
    if (!(std::islower(static_cast<unsigned char>(c)) || IsDigit(c) || c == '_' || c == '-' ||
          c == ':')) {
      return false;
    }
  }
  return true;
}

// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)", checked field by field; the store lets
// PostgreSQL read it as timestamptz. Returns the canonical spelling ('T' and 'Z' upper-case).
std::optional<std::string> CanonicalRfc3339(std::string_view s) {
  auto digits = [&](size_t at, size_t n, int lo, int hi) -> bool {
    if (at + n > s.size()) return false;
    int v = 0;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(s[at + k])) return false;
      v = v * 10 + (s[at + k] - '0');
    }
    return v >= lo && v <= hi;
  };
  if (s.size() < 20) return std::nullopt;
  if (!digits(0, 4, 1, 9999) || s[4] != '-' || !digits(5, 2, 1, 12) || s[7] != '-' ||
      !digits(8, 2, 1, 31) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2, 0, 23) ||
      s[13] != ':' || !digits(14, 2, 0, 59) || s[16] != ':' || !digits(17, 2, 0, 60)) {
    return std::nullopt;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t from = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == from || i - from > 9) return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-') && i + 6 == s.size() &&
             digits(i + 1, 2, 0, 23) && s[i + 3] == ':' && digits(i + 4, 2, 0, 59)) {
  } else {
    return std::nullopt;
  }
  std::string out(s);
  out[10] = 'T';
  if (out.back() == 'z') out.back() = 'Z';
  return out;
}

// "007.50" → "7.5", "-0" → "0": one spelling per number, so normalized filters compare equal.
std::string CanonicalDecimal(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  std::string_view whole = text, fraction;
  if (size_t dot = text.find('.'); dot != std::string_view::npos) {
    whole = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  while (whole.size() > 1 && whole[0] == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  std::string out(whole);
  if (!fraction.empty()) absl::StrAppend(&out, ".", std::string(fraction));
  if (negative && out != "0") out = "-" + out;
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  ParseResult Run() {
    ParseResult result;
    if (tokens_.front().kind == Token::Kind::kEnd) {
      result.error = {0, "the filter is empty"};
      return result;
    }
    result.root = ParseOr(0);
    if (failed_) {
      result.error = error_;
      return result;
    }
    if (Peek().kind != Token::Kind::kEnd) {
      Fail(Peek(), absl::StrCat("expected AND, OR or the end of the filter, found ", Describe(Peek())));
      result.error = error_;
    }
    return result;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t at = std::min(next_ + ahead, tokens_.size() - 1);
    return tokens_[at];
  }
  const Token& Take() {
    const Token& t = Peek();
    if (next_ < tokens_.size() - 1) ++next_;
    return t;
  }
  void Fail(const Token& at, std::string message) { Fail(at.position, std::move(message)); }
  void Fail(size_t position, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_ = {position, std::move(message)};
  }
  bool Expect(Token::Kind kind, std::string_view what) {
    if (Peek().kind == kind) {
      Take();
      return true;
    }
    Fail(Peek(), absl::StrCat("expected ", std::string(what), ", found ", Describe(Peek())));
    return false;
  }
  bool CountTerm(const Token& at) {
    if (++terms_ > Limits::kMaxTerms) {
      Fail(at, absl::StrCat("too many terms: at most ", Limits::kMaxTerms));
      return false;
    }
    return true;
  }

  // Builds an AND/OR node, flattening children of the same kind: "(a OR b) OR c" is "a OR b OR c".
  static FilterNode Group(FilterNode::Kind kind, std::vector<FilterNode> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    FilterNode node;
    node.kind = kind;
    for (FilterNode& part : parts) {
      if (part.kind == kind) {
        for (FilterNode& grand : part.children) node.children.push_back(std::move(grand));
      } else {
        node.children.push_back(std::move(part));
      }
    }
    return node;
  }

  FilterNode ParseOr(int depth) {
    std::vector<FilterNode> parts;
    parts.push_back(ParseAnd(depth));
    while (!failed_ && IsKeyword(Peek(), "OR")) {
      Take();
      parts.push_back(ParseAnd(depth));
    }
    return Group(FilterNode::Kind::kOr, std::move(parts));
  }

  FilterNode ParseAnd(int depth) {
    std::vector<FilterNode> parts;
    parts.push_back(ParseUnary(depth));
    while (!failed_ && IsKeyword(Peek(), "AND")) {
      Take();
      parts.push_back(ParseUnary(depth));
    }
    return Group(FilterNode::Kind::kAnd, std::move(parts));
  }

  FilterNode ParseUnary(int depth) {
    if (failed_) return {};
    if (IsKeyword(Peek(), "NOT")) {
      const Token& not_token = Take();
      if (depth + 1 > Limits::kMaxDepth) {
        Fail(not_token, absl::StrCat("nested too deeply: at most ", Limits::kMaxDepth, " levels"));
        return {};
      }
      FilterNode node;
      node.kind = FilterNode::Kind::kNot;
      node.children.push_back(ParseUnary(depth + 1));
      return node;
    }
    return ParsePrimary(depth);
  }

  FilterNode ParsePrimary(int depth) {
    if (failed_) return {};
    const Token& t = Peek();
    if (t.kind == Token::Kind::kLParen) {
      Take();
      if (depth + 1 > Limits::kMaxDepth) {
        Fail(t, absl::StrCat("nested too deeply: at most ", Limits::kMaxDepth, " levels"));
        return {};
      }
      FilterNode inner = ParseOr(depth + 1);
      if (!failed_) Expect(Token::Kind::kRParen, "')'");
      return inner;
    }
    if (t.kind != Token::Kind::kIdent || IsReserved(t)) {
      Fail(t, absl::StrCat("expected a field, has_tag(…), has_phone(…) or '(', found ", Describe(t)));
      return {};
    }
    if (Peek(1).kind == Token::Kind::kLParen) {
      if (t.text == "has_tag") return ParseHasTag();
      if (t.text == "has_phone") return ParseHasPhone();
      Fail(t, absl::StrCat("unknown function '", t.text, "'; functions are has_tag and has_phone"));
      return {};
    }
    return ParseCondition();
  }

  FilterNode ParseHasTag() {
    const Token& name = Take();
    Take();  // (
    FilterNode node;
    node.kind = FilterNode::Kind::kHasTag;
    if (!CountTerm(name)) return node;
    const Token& tag = Peek();
    if (tag.kind != Token::Kind::kString) {
      Fail(tag, absl::StrCat("has_tag takes one string, found ", Describe(tag)));
      return node;
    }
    Take();
    if (!IsTag(tag.text)) {
      Fail(tag, "a tag is 1-64 characters of a-z, 0-9, '_', '-' and ':'");
      return node;
    }
    Value v;
    v.kind = Value::Kind::kString;
    v.text = tag.text;
    node.values.push_back(std::move(v));
    Expect(Token::Kind::kRParen, "')' after the tag");
    return node;
  }

  FilterNode ParseHasPhone() {
    const Token& name = Take();
    Take();  // (
    FilterNode node;
    node.kind = FilterNode::Kind::kHasPhone;
    if (!CountTerm(name)) return node;
    const EnumType& types = ContactPointTypeEnum();
    const EnumType& statuses = ContactPointStatusEnum();
    if (Peek().kind == Token::Kind::kRParen) {
      Take();
      return node;
    }
    const Token& first = Take();
    if (first.kind != Token::Kind::kIdent) {
      Fail(first, absl::StrCat("has_phone takes a phone type and a status, found ", Describe(first)));
      return node;
    }
    if (auto type = types.Find(first.text)) {
      if (*type == 3) {
        Fail(first, "EMAIL is not a phone type; use MOBILE or FIXED_LINE");
        return node;
      }
      node.phone_type = *type;
      if (Peek().kind == Token::Kind::kComma) {
        Take();
        const Token& second = Take();
        std::optional<int> status =
            second.kind == Token::Kind::kIdent ? statuses.Find(second.text) : std::nullopt;
        if (!status) {
          Fail(second, absl::StrCat("expected a contact-point status (", statuses.Suffixes(),
                                    "), found ", Describe(second)));
          return node;
        }
        node.phone_status = *status;
      }
    } else if (auto status = statuses.Find(first.text)) {
      node.phone_status = *status;  // has_phone(VALID): any phone type in that status
    } else {
      Fail(first, absl::StrCat("expected a phone type (MOBILE, FIXED_LINE) or a status (",
                               statuses.Suffixes(), "), found ", Describe(first)));
      return node;
    }
    Expect(Token::Kind::kRParen, "')' to close has_phone");
    return node;
  }

  // field = ident { "." ident }, resolved against the known fields.
  bool ParseField(FieldRef& field) {
    const Token& first = Take();
    std::vector<const Token*> parts{&first};
    while (Peek().kind == Token::Kind::kDot) {
      Take();
      if (Peek().kind != Token::Kind::kIdent) {
        Fail(Peek(), absl::StrCat("expected a name after '.', found ", Describe(Peek())));
        return false;
      }
      parts.push_back(&Take());
    }
    std::vector<std::string> names;
    for (const Token* p : parts) names.push_back(p->text);
    std::string joined = absl::StrJoin(names, ".");
    field.name = joined;
    if (names[0] == "attr") {
      if (names.size() != 2 || !IsAttributeKey(names[1])) {
        Fail(first, "an attribute is attr.<key>, the key 1-64 characters of a-z, 0-9 and '_' "
                    "starting with a letter");
        return false;
      }
      field.id = FieldId::kAttribute;
      field.attribute_key = names[1];
      return true;
    }
    if (names[0] == "consent") {
      if (names.size() != 3) {
        Fail(first, "consent is consent.<channel>.<purpose>, e.g. consent.voice.marketing");
        return false;
      }
      auto find = [](const std::vector<NamedNumber>& list, const std::string& name) {
        for (const NamedNumber& n : list) {
          if (n.name == name) return n.number;
        }
        return 0;
      };
      auto list = [](const std::vector<NamedNumber>& l) {
        std::vector<std::string> out;
        for (const NamedNumber& n : l) out.emplace_back(n.name);
        return absl::StrJoin(out, ", ");
      };
      field.consent_channel = find(ConsentChannels(), names[1]);
      if (field.consent_channel == 0) {
        Fail(*parts[1], absl::StrCat("unknown channel '", names[1], "'; channels are ",
                                     list(ConsentChannels())));
        return false;
      }
      field.consent_purpose = find(ConsentPurposes(), names[2]);
      if (field.consent_purpose == 0) {
        Fail(*parts[2], absl::StrCat("unknown purpose '", names[2], "'; purposes are ",
                                     list(ConsentPurposes())));
        return false;
      }
      field.id = FieldId::kConsent;
      return true;
    }
    const FieldInfo* info = FindFixedField(joined);
    if (info == nullptr) {
      if (joined == "tags" || joined == "tag") {
        Fail(first, "match tags with has_tag(\"…\")");
      } else if (joined == "phone" || joined == "contact_points" || joined == "phones") {
        Fail(first, "match phones with has_phone(…)");
      } else {
        std::vector<std::string> known;
        for (const FieldInfo& f : FixedFields()) known.emplace_back(f.name);
        known.emplace_back("attr.<key>");
        known.emplace_back("consent.<channel>.<purpose>");
        Fail(first, absl::StrCat("unknown field '", joined.substr(0, 64), "'; fields are ",
                                 absl::StrJoin(known, ", ")));
      }
      return false;
    }
    field.info = info;
    field.id = info->id;
    return true;
  }

  static bool OperatorFrom(const std::string& text, CompareOp& op) {
    static const std::pair<const char*, CompareOp> kOps[] = {
        {"=", CompareOp::kEq}, {"!=", CompareOp::kNe}, {"<", CompareOp::kLt},
        {"<=", CompareOp::kLe}, {">", CompareOp::kGt}, {">=", CompareOp::kGe}};
    for (const auto& [t, o] : kOps) {
      if (text == t) {
        op = o;
        return true;
      }
    }
    return false;
  }

  FilterNode ParseCondition() {
    FilterNode node;
    const Token& start = Peek();
    if (!ParseField(node.field)) return node;
    if (!CountTerm(start)) return node;
    const Token& op = Take();
    if (IsKeyword(op, "IN")) {
      node.kind = FilterNode::Kind::kIn;
      if (!Expect(Token::Kind::kLParen, "'(' after IN")) return node;
      while (true) {
        const Token& literal = Peek();
        Value v;
        if (!ParseValue(node.field, CompareOp::kEq, /*membership=*/true, v)) return node;
        if (!node.values.empty() && node.values.front().kind != v.kind) {
          Fail(literal, "all values of an IN list must have the same type");
          return node;
        }
        node.values.push_back(std::move(v));
        if (Peek().kind == Token::Kind::kComma) {
          Take();
          if (!CountTerm(Peek())) return node;
          continue;
        }
        Expect(Token::Kind::kRParen, "',' or ')' in the IN list");
        return node;
      }
    }
    node.kind = FilterNode::Kind::kCompare;
    if (op.kind != Token::Kind::kOp || !OperatorFrom(op.text, node.op)) {
      Fail(op, absl::StrCat("expected a comparison (= != < <= > >=) or IN after ", node.field.name,
                            ", found ", Describe(op)));
      return node;
    }
    Value v;
    if (ParseValue(node.field, node.op, /*membership=*/false, v)) node.values.push_back(std::move(v));
    return node;
  }

  bool Ordered(CompareOp op) const { return op != CompareOp::kEq && op != CompareOp::kNe; }

  // Reads one literal and checks it against the field's type and the operator.
  bool ParseValue(const FieldRef& field, CompareOp op, bool membership, Value& v) {
    const Token& t = Take();
    const std::string& name = field.name;
    bool is_bool = IsKeyword(t, "true") || IsKeyword(t, "false");
    bool is_enum = t.kind == Token::Kind::kIdent && !is_bool && !IsReserved(t);
    if (t.kind != Token::Kind::kString && t.kind != Token::Kind::kNumber && !is_bool && !is_enum) {
      Fail(t, absl::StrCat("expected a value, found ", Describe(t)));
      return false;
    }
    FieldType type = field.info ? field.info->type
                     : field.id == FieldId::kAttribute ? FieldType::kAttribute
                                                       : FieldType::kConsent;
    switch (type) {
      case FieldType::kString:
        if (Ordered(op)) {
          Fail(t, absl::StrCat(name, " compares with = != or IN only"));
          return false;
        }
        if (t.kind != Token::Kind::kString) {
          Fail(t, absl::StrCat(name, " takes a string in double quotes, found ", Describe(t)));
          return false;
        }
        v.kind = Value::Kind::kString;
        v.text = t.text;
        return true;
      case FieldType::kEnum:
      case FieldType::kConsent: {
        const EnumType& e = type == FieldType::kEnum ? *field.info->enum_type : ConsentStateEnum();
        if (Ordered(op) && !(field.info && field.info->ordered)) {
          Fail(t, absl::StrCat(name, " compares with = != or IN only"));
          return false;
        }
        std::optional<int> number = is_enum ? e.Find(t.text) : std::nullopt;
        if (!number) {
          Fail(t, absl::StrCat(name, " takes one of ", e.Suffixes(), ", found ", Describe(t)));
          return false;
        }
        if (Ordered(op) && *number == 0) {
          Fail(t, "UNSPECIFIED has no order; compare it with = or !=");
          return false;
        }
        v.kind = Value::Kind::kEnum;
        v.enum_number = *number;
        return true;
      }
      case FieldType::kInteger: {
        int64_t n = 0;
        if (t.kind != Token::Kind::kNumber || t.text.find('.') != std::string::npos ||
            !absl::SimpleAtoi(t.text, &n)) {
          Fail(t, absl::StrCat(name, " takes a whole number, found ", Describe(t)));
          return false;
        }
        int64_t hi = field.id == FieldId::kAge ? 200 : 9999;
        if (n < 0 || n > hi) {
          Fail(t, absl::StrCat(name, " must be between 0 and ", hi));
          return false;
        }
        v.kind = Value::Kind::kInteger;
        v.integer = n;
        return true;
      }
      case FieldType::kTimestamp: {
        if (membership || !Ordered(op)) {
          Fail(t, absl::StrCat(name, " compares with < <= > >= only"));
          return false;
        }
        std::optional<std::string> canonical =
            t.kind == Token::Kind::kString ? CanonicalRfc3339(t.text) : std::nullopt;
        if (!canonical) {
          Fail(t, absl::StrCat(name, " takes an RFC 3339 time in double quotes, e.g. "
                                     "\"2024-06-01T00:00:00+08:00\""));
          return false;
        }
        v.kind = Value::Kind::kTimestamp;
        v.text = *canonical;
        return true;
      }
      case FieldType::kAttribute:
        if (t.kind == Token::Kind::kString) {
          v.kind = Value::Kind::kString;
          v.text = t.text;
        } else if (t.kind == Token::Kind::kNumber) {
          v.kind = Value::Kind::kDecimal;
          v.text = CanonicalDecimal(t.text);
        } else if (is_bool) {
          if (Ordered(op)) {
            Fail(t, "true and false compare with = != or IN only");
            return false;
          }
          v.kind = Value::Kind::kBool;
          v.boolean = IsKeyword(t, "true");
        } else {
          Fail(t, absl::StrCat(name, " takes a string, a number, true or false; quote text, e.g. \"",
                               t.text.substr(0, 64), "\""));
          return false;
        }
        return true;
    }
    return false;
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
  int terms_ = 0;
  bool failed_ = false;
  FilterError error_;
};

// ---------------------------------------------------------------------------------------------
// Printer

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string PrintValue(const FieldRef& field, const Value& v) {
  switch (v.kind) {
    case Value::Kind::kString:
    case Value::Kind::kTimestamp:
      return Quote(v.text);
    case Value::Kind::kInteger:
      return absl::StrCat(v.integer);
    case Value::Kind::kDecimal:
      return v.text;
    case Value::Kind::kBool:
      return v.boolean ? "true" : "false";
    case Value::Kind::kEnum:
      if (field.id == FieldId::kConsent) return ConsentStateEnum().FullName(v.enum_number);
      return field.info->enum_type->FullName(v.enum_number);
  }
  return "";
}

void Print(const FilterNode& node, bool nested, std::string& out) {
  switch (node.kind) {
    case FilterNode::Kind::kAnd:
    case FilterNode::Kind::kOr: {
      if (nested) out += '(';
      const char* glue = node.kind == FilterNode::Kind::kAnd ? " AND " : " OR ";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += glue;
        Print(node.children[i], true, out);
      }
      if (nested) out += ')';
      return;
    }
    case FilterNode::Kind::kNot:
      out += "NOT ";
      Print(node.children.front(), true, out);
      return;
    case FilterNode::Kind::kCompare:
      absl::StrAppend(&out, node.field.name, " ", std::string(OpText(node.op)), " ",
                      PrintValue(node.field, node.values.front()));
      return;
    case FilterNode::Kind::kIn: {
      absl::StrAppend(&out, node.field.name, " IN (");
      for (size_t i = 0; i < node.values.size(); ++i) {
        if (i > 0) out += ", ";
        out += PrintValue(node.field, node.values[i]);
      }
      out += ')';
      return;
    }
    case FilterNode::Kind::kHasTag:
      absl::StrAppend(&out, "has_tag(", Quote(node.values.front().text), ")");
      return;
    case FilterNode::Kind::kHasPhone: {
      std::vector<std::string> args;
      if (node.phone_type != 0) args.push_back(ContactPointTypeEnum().FullName(node.phone_type));
      if (node.phone_status != 0) {
        args.push_back(ContactPointStatusEnum().FullName(node.phone_status));
      }
      absl::StrAppend(&out, "has_phone(", absl::StrJoin(args, ", "), ")");
      return;
    }
  }
}

}  // namespace

ParseResult ParseSegmentFilter(std::string_view text) {
  ParseResult result;
  if (text.size() > Limits::kMaxLength) {
    result.error = {Limits::kMaxLength,
                    absl::StrCat("the filter is too long: at most ", Limits::kMaxLength,
                                 " characters")};
    return result;
  }
  std::vector<Token> tokens;
  if (!Lex(text, tokens, result.error)) return result;
  return Parser(std::move(tokens)).Run();
}

std::string PrintSegmentFilter(const FilterNode& root) {
  std::string out;
  Print(root, false, out);
  return out;
}

}  // namespace tmk::contacts::segment
