// telemarketing-server: hosts any set of the suite's services in one process (R30).
//   telemarketing-server --services=all --region=gd --pg-dsn=… --kafka-brokers=…
// Every setting is also an environment variable (TM_REGION, TM_PG_DSN…); bad or missing settings
// stop the process with exit code 2 and a message naming each of them.
#include <cstdio>

#include "services/campaigns/campaigns_module.h"
#include "services/common/config/config_source.h"
#include "services/common/server/suite_server.h"
#include "services/contacts/contacts_module.h"
#include "services/dialing/dialing_module.h"
#include "services/qa/qa_module.h"
#include "services/recording/recording_module.h"
#include "services/reporting/reporting_module.h"

extern char** environ;

int main(int argc, char** argv) {
  tmk::server::BlockTerminationSignals();
  tmk::server::ModuleCatalog catalog;
  tmk::contacts::RegisterContacts(catalog);
  tmk::campaigns::RegisterCampaigns(catalog);
  tmk::dialing::RegisterDialing(catalog);
  tmk::recording::RegisterRecording(catalog);
  tmk::qa::RegisterQa(catalog);
  tmk::reporting::RegisterReporting(catalog);
  auto source = tmk::ConfigSource::FromCommandLine(argc, argv, environ);
  if (!source.ok()) {
    std::fprintf(stderr, "telemarketing-server: %s\n", std::string(source.status().message()).c_str());
    return 2;
  }
  auto server = tmk::server::ServerConfig::Read(*source, catalog.names());
  auto pg = tmk::pg::PgConfig::Read(*source);
  auto kafka = tmk::events::KafkaConfig::Read(*source);
  auto auth = tmk::server::ReadAuthConfig(*source);
  tmk::server::ConfiguredModules hosted = catalog.Configure(*source, server);
  if (absl::Status valid = source->Finish(); !valid.ok()) {
    std::fprintf(stderr, "telemarketing-server: configuration errors:\n%s\n",
                 std::string(valid.message()).c_str());
    return 2;
  }
  return tmk::server::RunSuiteServer(server, pg, kafka, auth, hosted);
}
