#include "services/reporting/reporting_config.h"

#include <algorithm>
#include <cctype>

#include "services/common/config/config_source.h"

namespace tmk::reporting {

ReportingConfig ReportingConfig::Read(ConfigSource& settings) {
  ReportingConfig config;
  config.producer_schemas = settings.List("reporting-producer-schemas", "dialing,campaigns");
  for (const std::string& schema : config.producer_schemas) {
    const bool identifier =
        !schema.empty() && !std::isdigit(static_cast<unsigned char>(schema[0])) &&
        std::all_of(schema.begin(), schema.end(), [](unsigned char c) {
          return std::islower(c) || std::isdigit(c) || c == '_';
        });
    if (!identifier) {
      settings.AddError("reporting-producer-schemas",
                        "service names in lower case, e.g. dialing,campaigns");
      break;
    }
  }
  config.consumer_group = settings.String("reporting-consumer-group", "");
  return config;
}

}  // namespace tmk::reporting
