#pragma once
// `tmctl contacts import FILE.csv`: streams a CSV file to ContactsService.ImportCustomers.
#include <map>
#include <string>

namespace tmk::tmctl {

struct ImportOptions {
  std::string file;
  std::string address = "127.0.0.1:50051";
  std::string token;      // bearer token; empty when the server runs with --auth-mode=off
  std::string mode = "resumable";  // or all-or-nothing
  std::string request_id;          // default: derived from the file name and size
  std::map<std::string, std::string> mapping;  // CSV column → customer field path
  std::string duplicates = "skip";  // or merge, reject
  std::string list_name;           // set: the imported customers also form a contact list
  // Rows per streamed message; the server commits each message in one transaction, so larger
  // messages mean fewer commits (5,000 rows are about 0.5 MB, far below gRPC's 4 MB limit).
  int batch_rows = 5000;
};

// Returns the process exit code: 0 every row imported; 1 rows rejected or the job failed;
// 3 the call itself failed (unreachable server, authentication, bad spec).
int RunContactsImport(const ImportOptions& options);

}  // namespace tmk::tmctl
