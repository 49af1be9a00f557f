#include "services/common/pg/pg_errors.h"

#include <pqxx/except>

#include "absl/strings/str_cat.h"

namespace tmk::pg {

ClassifiedError ClassifyCurrentException() {
  try {
    throw;
  } catch (const pqxx::in_doubt_error& e) {
    return {absl::UnavailableError(
                absl::StrCat("database commit outcome unknown; retry with the same request_id: ",
                             e.what())),
            Retry::kNo};
  } catch (const pqxx::broken_connection& e) {
    return {absl::UnavailableError(absl::StrCat("database unreachable: ", e.what())),
            Retry::kReconnect};
  } catch (const pqxx::transaction_rollback& e) {
    return {absl::AbortedError(absl::StrCat("transaction conflict: ", e.what())), Retry::kRerun};
  } catch (const pqxx::unique_violation& e) {
    return {absl::AlreadyExistsError(e.what()), Retry::kNo};
  } catch (const pqxx::integrity_constraint_violation& e) {
    return {absl::FailedPreconditionError(e.what()), Retry::kNo};
  } catch (const pqxx::sql_error& e) {
    // Admin shutdown / crash recovery (57P01…57P03) and too-many-connections (53300) pass.
    const std::string& state = e.sqlstate();
    if (state.rfind("57P", 0) == 0 || state == "53300" || state.rfind("08", 0) == 0) {
      return {absl::UnavailableError(absl::StrCat("database unavailable: ", e.what())),
              Retry::kReconnect};
    }
    return {absl::InternalError(absl::StrCat("database error ", state, ": ", e.what())),
            Retry::kNo};
  } catch (const pqxx::failure& e) {
    return {absl::UnavailableError(absl::StrCat("database failure: ", e.what())),
            Retry::kReconnect};
  } catch (const std::exception& e) {
    return {absl::InternalError(e.what()), Retry::kNo};
  }
}

}  // namespace tmk::pg
