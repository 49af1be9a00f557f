#pragma once
// Hosts the chosen service modules in one gRPC server with health checking (per service and
// overall), reflection, request logging and metrics, and drains gracefully on SIGTERM.
#include "services/common/server/server_config.h"
#include "services/common/server/service_module.h"

namespace tmk::server {

// Call first thing in main, before any thread exists, so SIGTERM/SIGINT reach only the waiter.
void BlockTerminationSignals();

// Runs until SIGTERM or SIGINT; returns the process exit code.
int RunSuiteServer(const ServerConfig& server, const pg::PgConfig& pg,
                   const events::KafkaConfig& kafka, const auth::AuthConfig& auth,
                   const ConfiguredModules& hosted);

}  // namespace tmk::server
