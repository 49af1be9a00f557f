#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::reporting {

// Adds the reporting service to the server's catalog.
void RegisterReporting(server::ModuleCatalog& catalog);

}  // namespace tmk::reporting
