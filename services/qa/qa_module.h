#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::qa {

// Adds the qa service to the server's catalog.
void RegisterQa(server::ModuleCatalog& catalog);

}  // namespace tmk::qa
