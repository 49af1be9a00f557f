#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::contacts {

// Adds the contacts service (R1–R6, R8, R32) to the server's catalog.
void RegisterContacts(server::ModuleCatalog& catalog);

}  // namespace tmk::contacts
