// tmctl: the suite's admin command line.
//   tmctl contacts import FILE.csv [--address=HOST:PORT] [--token=JWT] [--mode=resumable|all-or-nothing]
//                                  [--map=COLUMN=FIELD ...] [--request-id=ID] [--batch-rows=N]
//                                  [--duplicates=skip|merge|reject] [--list=NAME]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "services/tools/tmctl/contacts_import.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: tmctl contacts import FILE.csv [options]\n"
               "  --address=HOST:PORT   the suite's gRPC address (default 127.0.0.1:50051)\n"
               "  --token=JWT           bearer token (or TMCTL_TOKEN); none with --auth-mode=off\n"
               "  --mode=MODE           resumable (default): good rows kept, bad rows reported,\n"
               "                        an interrupted import resumes when run again;\n"
               "                        all-or-nothing: any bad row and nothing is written\n"
               "  --map=COLUMN=FIELD    map a CSV column to a customer field; a column already\n"
               "                        named like a field (display_name, contact_points.mobile,\n"
               "                        vip_tier, tags, custom_attributes.<key>, ...) maps itself\n"
               "  --duplicates=POLICY   a row whose phone or external_id matches a customer:\n"
               "                        skip (default), merge (fill the customer's empty fields,\n"
               "                        add new numbers) or reject (a row error)\n"
               "  --list=NAME           the imported customers also form a contact list\n"
               "  --request-id=ID       idempotency key (default: file name and size)\n"
               "  --batch-rows=N        rows per streamed message and transaction (default 5000)\n"
               "exit: 0 all imported, 1 rows rejected or job failed, 2 usage, 3 call failed\n");
  return 2;
}

bool Flag(const std::string& arg, const std::string& name, std::string* value) {
  std::string prefix = "--" + name + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  *value = arg.substr(prefix.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || std::string(argv[1]) != "contacts" || std::string(argv[2]) != "import") {
    return Usage();
  }
  tmk::tmctl::ImportOptions options;
  if (const char* token = std::getenv("TMCTL_TOKEN")) options.token = token;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i], value;
    if (Flag(arg, "address", &value)) {
      options.address = value;
    } else if (Flag(arg, "token", &value)) {
      options.token = value;
    } else if (Flag(arg, "mode", &value) && (value == "resumable" || value == "all-or-nothing")) {
      options.mode = value;
    } else if (Flag(arg, "duplicates", &value) &&
               (value == "skip" || value == "merge" || value == "reject")) {
      options.duplicates = value;
    } else if (Flag(arg, "list", &value) && !value.empty()) {
      options.list_name = value;
    } else if (Flag(arg, "request-id", &value)) {
      options.request_id = value;
    } else if (Flag(arg, "batch-rows", &value) && std::atoi(value.c_str()) > 0 &&
               std::atoi(value.c_str()) <= 10000) {
      options.batch_rows = std::atoi(value.c_str());
    } else if (Flag(arg, "map", &value) && value.find('=') != std::string::npos) {
      options.mapping[value.substr(0, value.find('='))] = value.substr(value.find('=') + 1);
    } else if (arg.rfind("--", 0) != 0 && options.file.empty()) {
      options.file = arg;
    } else {
      std::fprintf(stderr, "tmctl: bad argument '%s'\n", arg.c_str());
      return Usage();
    }
  }
  if (options.file.empty()) return Usage();
  return tmk::tmctl::RunContactsImport(options);
}
