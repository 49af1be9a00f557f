# tm_add_test(NAME <name> SOURCES <files...> LIBS <targets...> LABELS <unit|pg|kafka|e2e|bench>)
# One GoogleTest executable per test file group, registered with CTest under its tier label so
# any tier runs alone (`ctest -L unit`). Tests that need PostgreSQL or Kafka read their addresses
# from TM_TEST_PG_DSN / TM_TEST_KAFKA_BROKERS, which scripts/test exports after dev-env up.
function(tm_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT})
endfunction()
