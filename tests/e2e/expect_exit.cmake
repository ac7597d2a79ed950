# Runs CMD with ARGS (a ;-list) and checks its exit code and, optionally, a stderr substring.
# cmake -DCMD=... -DARGS=... -DEXPECT_CODE=N [-DEXPECT_ERR=text] -P expect_exit.cmake
execute_process(COMMAND ${CMD} ${ARGS}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL EXPECT_CODE)
  message(FATAL_ERROR "${CMD} ${ARGS}: exit ${code}, expected ${EXPECT_CODE}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED EXPECT_ERR)
  string(FIND "${err}" "${EXPECT_ERR}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "stderr lacks '${EXPECT_ERR}':\n${err}")
  endif()
endif()
