# tm_proto_library(<target> DIR <dir under proto/> [GRPC] [DEPS <proto targets...>])
# Generates C++ (and, with GRPC, gRPC service stubs) for every .proto file in proto/<DIR> and builds
# them as one library per protobuf package. Generated headers are included as
# "telemarketing/<service>/v1/<file>.pb.h".
set(TM_PROTO_ROOT ${CMAKE_SOURCE_DIR}/proto)
set(TM_PROTO_OUT ${CMAKE_BINARY_DIR}/proto)
file(MAKE_DIRECTORY ${TM_PROTO_OUT})
get_target_property(TM_GRPC_CPP_PLUGIN gRPC::grpc_cpp_plugin LOCATION)
# Debian installs the well-known types (timestamp, duration, field_mask...) beside the headers.
find_path(TM_PROTOBUF_WKT_DIR google/protobuf/timestamp.proto PATHS ${Protobuf_INCLUDE_DIRS} /usr/include REQUIRED)

function(tm_proto_library target)
  cmake_parse_arguments(P "GRPC" "DIR" "DEPS" ${ARGN})
  file(GLOB protos CONFIGURE_DEPENDS ${TM_PROTO_ROOT}/${P_DIR}/*.proto)
  set(srcs)
  foreach(proto ${protos})
    file(RELATIVE_PATH rel ${TM_PROTO_ROOT} ${proto})
    string(REGEX REPLACE "\\.proto$" "" base ${rel})
    set(outs ${TM_PROTO_OUT}/${base}.pb.cc ${TM_PROTO_OUT}/${base}.pb.h)
    set(plugin_args)
    if(P_GRPC)
      file(STRINGS ${proto} has_service REGEX "^service ")
      if(has_service)
        list(APPEND outs ${TM_PROTO_OUT}/${base}.grpc.pb.cc ${TM_PROTO_OUT}/${base}.grpc.pb.h)
        set(plugin_args --grpc_out=${TM_PROTO_OUT} --plugin=protoc-gen-grpc=${TM_GRPC_CPP_PLUGIN})
      endif()
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc --cpp_out=${TM_PROTO_OUT} ${plugin_args}
              -I ${TM_PROTO_ROOT} -I ${TM_PROTOBUF_WKT_DIR} ${proto}
      DEPENDS ${proto} protobuf::protoc
      COMMENT "protoc ${rel}")
    list(FILTER outs INCLUDE REGEX "\\.cc$")
    list(APPEND srcs ${outs})
  endforeach()
  add_library(${target} STATIC ${srcs})
  target_include_directories(${target} PUBLIC ${TM_PROTO_OUT})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf ${P_DEPS})
  if(P_GRPC)
    target_link_libraries(${target} PUBLIC gRPC::grpc++)
  endif()
  # Generated code is not ours to lint.
  target_compile_options(${target} PRIVATE -w)
endfunction()

# tm_descriptor_set(<target> OUTPUT <file> DIRS <dirs...>)
# One FileDescriptorSet of all contracts (with imports) so integrators can decode Kafka payloads
# without our sources (R31).
function(tm_descriptor_set target)
  cmake_parse_arguments(D "" "OUTPUT" "DIRS" ${ARGN})
  set(all)
  foreach(dir ${D_DIRS})
    file(GLOB protos CONFIGURE_DEPENDS ${TM_PROTO_ROOT}/${dir}/*.proto)
    list(APPEND all ${protos})
  endforeach()
  add_custom_command(
    OUTPUT ${D_OUTPUT}
    COMMAND protobuf::protoc --include_imports --include_source_info --descriptor_set_out=${D_OUTPUT}
            -I ${TM_PROTO_ROOT} -I ${TM_PROTOBUF_WKT_DIR} ${all}
    DEPENDS ${all}
    COMMENT "descriptor set ${D_OUTPUT}")
  add_custom_target(${target} ALL DEPENDS ${D_OUTPUT})
endfunction()
