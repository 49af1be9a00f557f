# Script mode: writes OUT, a C++ file defining tm::<SCHEMA>::Migrations() from the SQL FILES.
set(body "")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  file(READ ${f} sql)
  string(APPEND body "      {\"${name}\", R\"tm_sql(${sql})tm_sql\"},\n")
endforeach()
file(WRITE ${OUT} "// Generated from services/${SCHEMA}/migrations by cmake/TmEmbed.cmake.\n"
  "#include \"services/common/pg/migration.h\"\n\n"
  "namespace tmk::${SCHEMA} {\n"
  "std::vector<tmk::pg::Migration> Migrations() {\n"
  "  return {\n${body}  };\n}\n}  // namespace tmk::${SCHEMA}\n")
