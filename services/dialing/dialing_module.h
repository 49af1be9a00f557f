#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::dialing {

// Adds the dialing service to the server's catalog.
void RegisterDialing(server::ModuleCatalog& catalog);

}  // namespace tmk::dialing
