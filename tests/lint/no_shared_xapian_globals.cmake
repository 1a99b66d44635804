# Fails when the product's sources use one of Xapian's global query objects
# (Xapian::Query::MatchAll, Xapian::Query::MatchNothing). Their reference counts are plain
# integers, so threads that copy one at once free it under each other: bellwether-serve crashed
# that way under load. Use bw::match_all_query() (searcher/match_all.h) or Xapian::Query().
# Run as: cmake -DSOURCE_DIR=<project> -P no_shared_xapian_globals.cmake
set(offenders "")
foreach(area core indexer searcher server research bench)
  file(GLOB_RECURSE sources "${SOURCE_DIR}/${area}/*.cc" "${SOURCE_DIR}/${area}/*.h")
  foreach(source ${sources})
    file(STRINGS "${source}" lines)
    set(number 0)
    foreach(line IN LISTS lines)
      math(EXPR number "${number} + 1")
      string(REGEX REPLACE "//.*$" "" code "${line}")
      if(code MATCHES "::(MatchAll|MatchNothing)([^A-Za-z0-9_]|$)")
        list(APPEND offenders "${source}:${number}: error: Xapian's shared global query object: ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(offenders)
  list(JOIN offenders "\n" report)
  message(FATAL_ERROR "${report}")
endif()
message(STATUS "no shared Xapian query globals in the sources")
