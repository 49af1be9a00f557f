#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::recording {

// Adds the recording service to the server's catalog.
void RegisterRecording(server::ModuleCatalog& catalog);

}  // namespace tmk::recording
