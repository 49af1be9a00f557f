# tm_embed_migrations(<target> SCHEMA <schema> DIR <dir of NNNN_name.sql files>)
# Compiles a service's SQL migrations into the binary, so a container needs no files beside it.
# The generated function `tmk::<schema>::Migrations()` returns them in file-name order.
function(tm_embed_migrations target)
  cmake_parse_arguments(E "" "SCHEMA;DIR" "" ${ARGN})
  file(GLOB sqls CONFIGURE_DEPENDS ${E_DIR}/*.sql)
  list(SORT sqls)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${E_SCHEMA}_migrations.cc)
  # The file list travels as one argument: its ';' separators must not reach the shell.
  string(REPLACE ";" "$<SEMICOLON>" files "${sqls}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSCHEMA=${E_SCHEMA} "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/TmEmbedMigrations.cmake
    DEPENDS ${sqls} ${CMAKE_SOURCE_DIR}/cmake/TmEmbedMigrations.cmake
    COMMENT "embedding ${E_SCHEMA} migrations"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_link_libraries(${target} PUBLIC tm_common_pg)
endfunction()
